import SQLKit
import Synchronization

/// A ``SQLConnections`` that counts the connections in use (reads and writes running), for the
/// server's metrics.
final class CountedConnections: SQLConnections {
    let base: any SQLConnections
    private let inUse = Atomic<Int>(0)

    init(_ base: any SQLConnections) {
        self.base = base
    }

    /// The connections in use now.
    var current: Int { inUse.load(ordering: .relaxed) }

    var dialect: String { base.dialect }
    var beginWrite: [String] { base.beginWrite }
    var uniqueViolation: @Sendable (any Error) -> String? { base.uniqueViolation }
    var readsInsideWritesUseTheWriter: Bool { base.readsInsideWritesUseTheWriter }

    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read { db in
            inUse.add(1, ordering: .relaxed)
            defer { inUse.subtract(1, ordering: .relaxed) }
            return try await body(db)
        }
    }

    func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.write { db in
            inUse.add(1, ordering: .relaxed)
            defer { inUse.subtract(1, ordering: .relaxed) }
            return try await body(db)
        }
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.transaction { db in
            inUse.add(1, ordering: .relaxed)
            defer { inUse.subtract(1, ordering: .relaxed) }
            return try await body(db)
        }
    }

    func translate(_ error: any Error) -> any Error { base.translate(error) }

    func close() async throws { try await base.close() }
}
