import IndexCore
import SQLKit
import SQLiteKit

/// The ``IndexStore`` on SQLite, the embedded default (DESIGN.md §4, §6).
///
/// One connection writes: ``write(_:)`` calls take it one at a time (in arrival order) and run
/// in `BEGIN IMMEDIATE` transactions. A file database has a second, read-only connection for
/// reads, which WAL lets run beside a write and see only committed data; an in-memory database
/// has a single connection, so its reads wait for the running write.
///
/// ```swift
/// let store = try await SQLiteIndexStore.open(.file(path: "data/index.sqlite"))
/// defer { Task { try await store.close() } }   // or close it at shutdown
/// ```
///
/// It runs on SQLiteNIO's shared `NIOThreadPool` and event loop group singletons; ``close()``
/// closes its connections.
public final class SQLiteIndexStore: IndexStore {
    /// Where the database lives.
    public enum Location: Hashable, Sendable {
        /// A database file, created with the schema when missing.
        case file(path: String)
        /// A private in-memory database, gone when the store closes (for tests).
        case memory
    }

    let writer: SQLiteConnection
    let reader: SQLiteConnection?
    let gate = SerialGate()
    /// The migration versions this open applied (empty when the schema was current).
    let appliedAtOpen: [Int]

    private init(writer: SQLiteConnection, reader: SQLiteConnection?, appliedAtOpen: [Int]) {
        self.writer = writer
        self.reader = reader
        self.appliedAtOpen = appliedAtOpen
    }

    /// Opens (or creates) the database at `location` and brings its schema up to date.
    public static func open(_ location: Location) async throws -> SQLiteIndexStore {
        let storage: SQLiteConnection.Storage =
            switch location {
            case .file(let path): .file(path: path)
            case .memory: .memory
            }
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: storage)
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
        do {
            try await SQLiteDialectSpecifics.configureWriter(writer.sql())
            let applied = try await IndexMigrator(begin: SQLiteDialectSpecifics.beginWrite).migrate(writer.sql())
            guard case .file = location else {
                return SQLiteIndexStore(writer: writer, reader: nil, appliedAtOpen: applied)
            }
            let reader = try await SQLiteConnection.open(storage: storage)
            do {
                try await SQLiteDialectSpecifics.configureReader(reader.sql())
            } catch {
                try? await reader.close()
                throw error
            }
            return SQLiteIndexStore(writer: writer, reader: reader, appliedAtOpen: applied)
        } catch {
            try? await writer.close()
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    /// Closes the connections; the store must not be used afterwards.
    public func close() async throws {
        try await gate.holding {
            if let reader { try await reader.close() }
            try await writer.close()
        }
    }

    /// The store whose ``write(_:)`` body the current task runs in, if any.
    @TaskLocal static var writingStore: ObjectIdentifier?

    /// Runs `body` on a read connection (or, in memory, on the writer between transactions;
    /// a read from inside a write's body uses the writer directly instead of waiting for it).
    func read<T>(_ body: (IndexQueries) async throws -> T) async throws -> T {
        do {
            if let reader {
                return try await body(IndexQueries(db: reader.sql()))
            }
            if Self.writingStore == ObjectIdentifier(self) {
                return try await body(IndexQueries(db: writer.sql()))
            }
            return try await gate.holding { try await body(IndexQueries(db: writer.sql())) }
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    public func write<T: Sendable>(_ body: (any IndexWriteTransaction) async throws -> T) async throws -> T {
        let db = writer.sql()
        do {
            return try await gate.holding {
                try await db.raw(SQLQueryString(SQLiteDialectSpecifics.beginWrite)).run()
                let transaction = SQLWriteTransaction(
                    IndexWrites(queries: IndexQueries(db: db), uniqueViolation: SQLiteDialectSpecifics.uniqueViolation))
                do {
                    let result = try await Self.$writingStore.withValue(ObjectIdentifier(self)) {
                        try await body(transaction)
                    }
                    transaction.close()
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    transaction.close()
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
    }

    /// The value of `PRAGMA name` on the write connection, e.g. `journal_mode`.
    func pragma(_ name: String) async throws -> String? {
        try await gate.holding { try await SQLiteDialectSpecifics.pragma(name, on: writer.sql()) }
    }
}
