import SQLiteNIO

/// A file database's read-only connections, each lent to one reader at a time.
///
/// SQLite keeps a connection's read transaction open while any statement of it runs, and every
/// statement started meanwhile on that connection reads the same, older snapshot. With one
/// shared reader, a short read beside a long one (a `/simple/` render, a snapshot build) missed
/// writes committed since the long one began: an upload's re-check after losing the race to
/// create a project did not see the project the winner had created, and was refused "conflicts
/// with an existing project". A connection used by one reader at a time starts each read on the
/// newest commit.
actor SQLiteReaderPool {
    let connections: [SQLiteConnection]
    private var idle: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []

    init(_ connections: [SQLiteConnection]) {
        self.connections = connections
        idle = connections
    }

    /// Runs `body` on a connection no other reader is using, waiting for one when all are lent.
    nonisolated func reading<T>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = await borrow()
        do {
            let result = try await body(connection)
            await giveBack(connection)
            return result
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    private func borrow() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func giveBack(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    /// Closes every connection (when no reader is running).
    func close() async throws {
        for connection in connections { try await connection.close() }
    }
}
