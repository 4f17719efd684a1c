import IndexCore
import SQLKit
import SQLiteKit

/// SQLite's connections: one writes (write calls take it one at a time, in arrival order, and
/// write transactions that queue behind a commit share the next one: ``SQLiteGroupCommit``); a
/// file database has read-only connections for reads (``SQLiteReaderPool``: each lent to one
/// reader at a time, so each read sees the newest commit), which WAL lets run beside a write and
/// see only committed data; an in-memory database has a single connection, so its reads wait
/// for the running write. It runs on SQLiteNIO's shared `NIOThreadPool` and event
/// loop group singletons.
final class SQLiteConnections: SQLConnections {
    let writer: SQLiteConnection
    let readers: SQLiteReaderPool?
    /// How many read connections a file database has.
    static let readerCount = 4
    let gate: SerialGate
    /// Write transactions share commits (``SQLiteGroupCommit``).
    let batches: SQLiteGroupCommit

    private init(writer: SQLiteConnection, readers: SQLiteReaderPool?) {
        self.writer = writer
        self.readers = readers
        gate = SerialGate()
        batches = SQLiteGroupCommit(gate: gate)
    }

    /// Opens (or creates) the database at `location` (a file or memory), migrating it as asked.
    static func open(_ location: SQLIndexStore.Location, migration: SQLIndexStore.Migration) async throws
        -> SQLIndexStore
    {
        let storage: SQLiteConnection.Storage
        switch location {
        case .file(let path): storage = .file(path: path)
        case .memory: storage = .memory
        case .postgres: throw IndexStoreError.unavailable("Not a SQLite location.")
        }
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: storage)
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
        do {
            try await SQLiteDialectSpecifics.configureWriter(writer.sql())
            let applied = try await IndexMigrator(begin: [SQLiteDialectSpecifics.beginWrite])
                .migrate(writer.sql(), apply: migration == .apply)
            guard case .file = location else {
                return SQLIndexStore(
                    connections: SQLiteConnections(writer: writer, readers: nil), appliedAtOpen: applied)
            }
            var readers: [SQLiteConnection] = []
            do {
                for _ in 0..<readerCount {
                    let reader = try await SQLiteConnection.open(storage: storage)
                    readers.append(reader)
                    try await SQLiteDialectSpecifics.configureReader(reader.sql())
                }
            } catch {
                for reader in readers { try? await reader.close() }
                throw error
            }
            return SQLIndexStore(
                connections: SQLiteConnections(writer: writer, readers: SQLiteReaderPool(readers)),
                appliedAtOpen: applied)
        } catch {
            try? await writer.close()
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    var dialect: String { "sqlite" }

    var beginWrite: [String] { [SQLiteDialectSpecifics.beginWrite] }

    var readsInsideWritesUseTheWriter: Bool { readers == nil }

    var uniqueViolation: @Sendable (any Error) -> String? { SQLiteDialectSpecifics.uniqueViolation }

    func translate(_ error: any Error) -> any Error {
        SQLiteDialectSpecifics.translate(error)
    }

    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            if let readers { return try await readers.reading { try await body($0.sql()) } }
            return try await gate.holding { try await body(writer.sql()) }
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await gate.holding { try await body(writer.sql()) }
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await batches.run(on: writer.sql(), begin: beginWrite, body)
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    func close() async throws {
        try await gate.holding {
            if let readers { try await readers.close() }
            try await writer.close()
        }
    }

    /// The value of `PRAGMA name` on the write connection, e.g. `journal_mode`.
    func pragma(_ name: String) async throws -> String? {
        try await gate.holding { try await SQLiteDialectSpecifics.pragma(name, on: writer.sql()) }
    }
}

extension SQLIndexStore {
    /// SQLite's write connection (for tests and diagnostics); `nil` on PostgreSQL.
    var writer: SQLiteConnection? { (dialectConnections as? SQLiteConnections)?.writer }

    /// The value of `PRAGMA name` on SQLite's write connection, e.g. `journal_mode`.
    func pragma(_ name: String) async throws -> String? {
        guard let sqlite = dialectConnections as? SQLiteConnections else { return nil }
        return try await sqlite.pragma(name)
    }
}
