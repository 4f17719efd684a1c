import Foundation
import IndexCore
import Logging
import PostgresNIO
import Testing

@testable import IndexSQL

/// Fresh PostgreSQL databases for tests, on the server named by `CHEESESHOP_TEST_POSTGRES_URL`
/// (scripts/postgres.sh starts one; the test command always sets it). Without it the
/// PostgreSQL tests are skipped.
enum PostgresTestDatabase {
    /// The server's URL, when the tests have one.
    static let url: String? = ProcessInfo.processInfo.environment["CHEESESHOP_TEST_POSTGRES_URL"]

    static var available: Bool { url != nil }

    /// Creates an empty database, runs `body` with its location, and drops it afterwards.
    static func withDatabase<T>(maximumConnections: Int = 8, _ body: (PostgresLocation) async throws -> T)
        async throws -> T
    {
        let admin = try PostgresLocation(url: try #require(url))
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await run(on: admin, "CREATE DATABASE \(name)")
        var location = admin
        location.database = name
        location.maximumConnections = maximumConnections
        do {
            let result = try await body(location)
            try await run(on: admin, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await run(on: admin, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Opens a store on a fresh database, runs `body`, closes the store and drops the database.
    static func withStore<T>(maximumConnections: Int = 8, _ body: (SQLIndexStore) async throws -> T) async throws -> T {
        try await withDatabase(maximumConnections: maximumConnections) { location in
            try await SQLIndexStore.withStore(.postgres(location), body)
        }
    }

    /// Runs one statement (not in a transaction) on `location`'s database.
    static func run(on location: PostgresLocation, _ statement: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "cheeseshop.tests.postgres"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: connection.logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
