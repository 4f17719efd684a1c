import Foundation
import IndexCore
import PostgresNIO

/// Everything that only PostgreSQL says: how writes are serialized and how its errors read.
enum PostgresDialectSpecifics {
    /// The advisory lock every write transaction takes first ("cheeseshop" in ASCII): writes
    /// from all nodes run one at a time, so journal serials follow commit order.
    static let writeLockKey: Int64 = 0x63_68_65_65_73_65_73

    /// The statements that open a write transaction.
    static let beginWrite = ["BEGIN", "SELECT pg_advisory_xact_lock(\(writeLockKey))"]

    /// The `table.column` list of a unique violation (SQLSTATE 23505), from the server's
    /// table name and its detail `Key (a, b)=(...) already exists.`, in SQLite's words.
    static func uniqueViolation(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, let info = error.serverInfo, info[.sqlState] == "23505" else {
            return nil
        }
        let table = info[.tableName] ?? ""
        guard let detail = info[.detail], let open = detail.range(of: "Key ("),
            let close = detail[open.upperBound...].range(of: ")=")
        else { return table }
        return detail[open.upperBound..<close.lowerBound].split(separator: ",")
            .map { "\(table).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    /// `error` as the store reports it: PostgreSQL's and the driver's failures become
    /// ``IndexStoreError/unavailable(_:)``; the rest pass through.
    static func translate(_ error: any Error) -> any Error {
        if let error = error as? PSQLError {
            if let columns = uniqueViolation(error) {
                return IndexStoreError.unavailable("Unexpected unique violation on \(columns).")
            }
            if let info = error.serverInfo {
                let message = info[.message] ?? "unknown error"
                return IndexStoreError.unavailable("PostgreSQL: \(message) (\(info[.sqlState] ?? "?")).")
            }
            return IndexStoreError.unavailable("PostgreSQL: \(error.code.description).")
        }
        if error is PostgresDecodingError {
            return IndexStoreError.unavailable("PostgreSQL: \(String(reflecting: error))")
        }
        return error
    }
}
