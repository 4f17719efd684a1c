import IndexCore
import SQLKit

/// The ``IndexStore`` on SQL: SQLite, the embedded default, or PostgreSQL for many nodes
/// (DESIGN.md §4, §6). Both run the same queries (``IndexQueries``, ``IndexWrites``).
///
/// Writes are serialized: on SQLite one connection writes in `BEGIN IMMEDIATE` transactions;
/// on PostgreSQL every write transaction first takes one advisory lock, so writes from any
/// number of nodes run one at a time, journal serials are handed out in commit order and every
/// race has exactly the outcome it has on one node. Reads never wait for a write (WAL on
/// SQLite, MVCC on PostgreSQL) and see only committed data. A read made from inside a write's
/// body runs on the write's connection (and sees what the write did so far) where another
/// connection could wait for that write: SQLite in memory (one connection) and PostgreSQL (a
/// pool whose every connection may be held by writes queued behind this one).
///
/// ```swift
/// let store = try await SQLIndexStore.open(.file(path: "data/index.sqlite"))
/// let scaled = try await SQLIndexStore.open(.postgres(PostgresLocation(url: "postgres://...")))
/// defer { Task { try await store.close() } }   // or close it at shutdown
/// ```
public final class SQLIndexStore: IndexStore {
    /// Where the database lives.
    public enum Location: Hashable, Sendable {
        /// A SQLite database file, created with the schema when missing.
        case file(path: String)
        /// A private in-memory SQLite database, gone when the store closes (for tests).
        case memory
        /// A PostgreSQL database.
        case postgres(PostgresLocation)
    }

    /// Whether opening brings the schema up to date.
    public enum Migration: Sendable {
        /// Apply the missing steps (one node at a time on PostgreSQL).
        case apply
        /// Apply nothing; fail when a step is missing.
        case require
    }

    let connections: any SQLConnections
    /// The migration versions this open applied (empty when the schema was current).
    public let appliedAtOpen: [Int]

    init(connections: any SQLConnections, appliedAtOpen: [Int]) {
        self.connections = CountedConnections(connections)
        self.appliedAtOpen = appliedAtOpen
    }

    /// The dialect's connections themselves (``connections`` counts their use).
    var dialectConnections: any SQLConnections { (connections as? CountedConnections)?.base ?? connections }

    public func connectionsInUse() -> Int? { (connections as? CountedConnections)?.current }

    /// Opens (or creates) the database at `location` and, unless told otherwise, brings its
    /// schema up to date. A schema newer than this program knows is refused.
    public static func open(_ location: Location, migration: Migration = .apply) async throws -> SQLIndexStore {
        switch location {
        case .file, .memory:
            return try await SQLiteConnections.open(location, migration: migration)
        case .postgres(let postgres):
            return try await PostgresConnections.open(postgres, migration: migration)
        }
    }

    /// Opens the store at `location`, runs `body` with it, and closes it afterwards, whether
    /// `body` returned or threw.
    public static func withStore<T>(
        _ location: Location, migration: Migration = .apply, _ body: (SQLIndexStore) async throws -> T
    ) async throws -> T {
        let store = try await open(location, migration: migration)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Closes the connections; the store must not be used afterwards.
    public func close() async throws {
        try await connections.close()
    }

    /// Which database this is: `sqlite` or `postgresql`.
    public var dialect: String { connections.dialect }

    /// The write transaction the current task runs in, if any.
    @TaskLocal static var writing: WritingContext?

    struct WritingContext: Sendable {
        let store: ObjectIdentifier
        let db: any SQLDatabase
    }

    /// Runs `body` on a read connection (from inside a write's body: on the write's connection).
    func read<T>(_ body: (IndexQueries) async throws -> T) async throws -> T {
        if connections.readsInsideWritesUseTheWriter, let writing = Self.writing,
            writing.store == ObjectIdentifier(self)
        {
            do {
                return try await body(IndexQueries(db: writing.db))
            } catch {
                throw connections.translate(error)
            }
        }
        return try await connections.read { db in try await body(IndexQueries(db: db)) }
    }

    public func write<T: Sendable>(_ body: (any IndexWriteTransaction) async throws -> T) async throws -> T {
        let connections = connections
        return try await connections.transaction { db in
            let transaction = SQLWriteTransaction(
                IndexWrites(queries: IndexQueries(db: db), uniqueViolation: connections.uniqueViolation))
            defer { transaction.close() }
            let context = WritingContext(store: ObjectIdentifier(self), db: db)
            return try await Self.$writing.withValue(context) { try await body(transaction) }
        }
    }

    /// The migration versions recorded in the database, in order.
    public func appliedMigrations() async throws -> [Int] {
        try await connections.read { db in try await IndexMigrator.appliedVersions(db) }
    }
}

/// How a ``SQLIndexStore`` reaches its database: the dialect-specific half.
protocol SQLConnections: Sendable {
    /// `sqlite` or `postgresql`.
    var dialect: String { get }
    /// The statements that open a write transaction (after which writes are serialized).
    var beginWrite: [String] { get }
    /// The `table.column` list of a unique violation, `nil` for other errors.
    var uniqueViolation: @Sendable (any Error) -> String? { get }
    /// Whether a read from inside a write's body must use the write's connection.
    var readsInsideWritesUseTheWriter: Bool { get }
    /// Runs `body` on a connection that sees committed data.
    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` on the connection a write transaction uses, one write at a time per store.
    func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in a write transaction: committed (durably) before it returns, rolled back
    /// when `body` throws. Write transactions run one at a time per store.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// `error` as the store reports it (the database's own failures become
    /// ``IndexStoreError/unavailable(_:)``).
    func translate(_ error: any Error) -> any Error
    /// Closes the connections.
    func close() async throws
}

extension SQLConnections {
    /// A write transaction of its own: ``beginWrite``, `body`, `COMMIT` (`ROLLBACK` when it throws).
    func ownTransaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await write { db in
            for statement in beginWrite {
                try await db.raw(SQLQueryString(statement)).run()
            }
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
