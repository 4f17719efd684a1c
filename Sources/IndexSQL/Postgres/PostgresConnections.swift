import IndexCore
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL's connections: one pool (PostgresNIO's `PostgresClient`) per node, of
/// ``PostgresLocation/maximumConnections``; reads and writes lease a connection each, and
/// writes serialize on an advisory lock (``PostgresDialectSpecifics/beginWrite``).
final class PostgresConnections: SQLConnections {
    let client: PostgresClient
    private let running: Task<Void, Never>

    private init(client: PostgresClient, running: Task<Void, Never>) {
        self.client = client
        self.running = running
    }

    /// Connects to `location`, checks the connection and migrates as asked.
    static func open(_ location: PostgresLocation, migration: SQLIndexStore.Migration) async throws -> SQLIndexStore {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls(location.tls))
        configuration.options.maximumConnections = location.maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(
            configuration: configuration, backgroundLogger: Logger(label: "cheeseshop.postgres"))
        let running = Task { await client.run() }
        let connections = PostgresConnections(client: client, running: running)
        do {
            // The pool retries a refused connection or a wrong password forever: the first use is
            // bounded, so that a bad URL or a stopped server is reported instead of a hang.
            let applied = try await withThrowingTaskGroup(of: [Int]?.self) { group in
                group.addTask {
                    try await connections.write { db in
                        try await IndexMigrator(begin: PostgresDialectSpecifics.beginWrite)
                            .migrate(db, apply: migration == .apply)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: Self.firstConnectionTimeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let applied = first else {
                    throw IndexStoreError.unavailable(
                        "Cannot reach the database \(location) within \(Self.firstConnectionTimeout) "
                            + "(refused, unknown host, or a wrong user or password: the log says which).")
                }
                return applied
            }
            return SQLIndexStore(connections: connections, appliedAtOpen: applied)
        } catch {
            running.cancel()
            throw error
        }
    }

    /// How long opening waits for the database's first answer.
    static let firstConnectionTimeout = Duration.seconds(15)

    private static func tls(_ mode: PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    var dialect: String { "postgresql" }

    var beginWrite: [String] { PostgresDialectSpecifics.beginWrite }

    var readsInsideWritesUseTheWriter: Bool { true }

    var uniqueViolation: @Sendable (any Error) -> String? { PostgresDialectSpecifics.uniqueViolation }

    func translate(_ error: any Error) -> any Error {
        PostgresDialectSpecifics.translate(error)
    }

    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        } catch {
            throw PostgresDialectSpecifics.translate(error)
        }
    }

    func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(body)
    }

    func close() async throws {
        running.cancel()
        _ = await running.value
    }
}
