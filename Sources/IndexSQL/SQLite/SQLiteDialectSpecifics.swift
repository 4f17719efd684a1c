import IndexCore
import SQLKit
import SQLiteKit

/// Everything that only SQLite says: connection settings, the write-transaction statement and
/// how its errors read. The queries themselves live in ``IndexQueries`` and ``IndexWrites``.
enum SQLiteDialectSpecifics {
    /// How long a connection waits for another process's lock before failing, in milliseconds.
    static let busyTimeoutMilliseconds = 5000

    /// Takes the write lock at the start, so that concurrent writers queue instead of failing
    /// when they first write.
    static let beginWrite = "BEGIN IMMEDIATE"

    /// Settings of the write connection: WAL (readers never block the writer), `FULL` sync (an
    /// acknowledged commit survives a power cut), foreign keys, a bounded busy wait (it also
    /// replaces SQLiteNIO's handler, which retries forever).
    static func configureWriter(_ db: any SQLDatabase) async throws {
        try await db.raw("PRAGMA journal_mode = WAL").run()
        try await db.raw("PRAGMA synchronous = FULL").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw(SQLQueryString("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))")).run()
    }

    /// Settings of a read connection: the same busy wait, and no writes.
    static func configureReader(_ db: any SQLDatabase) async throws {
        try await db.raw(SQLQueryString("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))")).run()
        try await db.raw("PRAGMA query_only = ON").run()
    }

    /// The value of `PRAGMA name` (e.g. `journal_mode`), for tests and diagnostics.
    static func pragma(_ name: String, on db: any SQLDatabase) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        guard let row = try await db.raw(SQLQueryString("PRAGMA \(unsafeRaw: name)")).first() else { return nil }
        guard let column = row.allColumns.first else { return nil }
        if let text = try? row.decode(column: column, as: String.self) { return text }
        return try row.decode(column: column, as: Int.self).description
    }

    /// The `table.column` list of a UNIQUE or PRIMARY KEY violation, from SQLite's message
    /// (`UNIQUE constraint failed: files.md5`).
    static func uniqueViolation(_ error: any Error) -> String? {
        guard let error = error as? SQLiteError else { return nil }
        switch error.reason {
        case .constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            guard let colon = error.message.range(of: "constraint failed: ") else { return nil }
            return String(error.message[colon.upperBound...])
        default:
            return nil
        }
    }

    /// `error` as the store reports it: SQLite's own failures become
    /// ``IndexStoreError/unavailable(_:)``; the rest pass through.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        if let columns = uniqueViolation(error) {
            return IndexStoreError.unavailable("Unexpected unique violation on \(columns).")
        }
        return IndexStoreError.unavailable(error.description)
    }
}
