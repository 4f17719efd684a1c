import Foundation
import IndexCore

/// A PostgreSQL database, from a URL `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=MODE`
/// (`postgresql://` too; the password and user percent-decoded; `sslmode` `disable`, `prefer`
/// (the default) or `require`), and the size of the connection pool.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// How the connection uses TLS.
    public enum TLSMode: String, Hashable, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The most connections this node opens.
    public var maximumConnections: Int

    /// Parses `url`; a malformed URL is an ``IndexStoreError/unavailable(_:)`` that says what is wrong.
    public init(url: String, maximumConnections: Int = 20) throws(IndexStoreError) {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw .unavailable("The database URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .unavailable("The database URL names no host.")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .unavailable("The database URL names no user.")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw .unavailable("The database URL names no database.")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            switch item.value ?? "" {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw .unavailable("The database URL's sslmode must be disable, prefer or require.")
            }
        }
        guard maximumConnections > 0 else { throw .unavailable("The pool needs at least one connection.") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser?.removingPercentEncoding ?? user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.database = database
        self.tls = tls
        self.maximumConnections = maximumConnections
    }

    /// The URL without its password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }
}
