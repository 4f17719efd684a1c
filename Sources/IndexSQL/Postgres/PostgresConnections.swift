import IndexCore
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

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

    /// How long a request waits for a connection before it is told the database is unavailable.
    static let leaseTimeout = Duration.seconds(3)
    /// After a wait timed out, how long every request is refused at once (then one may try again).
    static let openInterval = Duration.seconds(2)

    let breaker = Breaker()

    /// Runs `body` on a leased connection. While the database is down, the pool would wait for
    /// a connection forever: a request gives up waiting once the database has answered nothing
    /// for ``leaseTimeout`` (the wait is cancelled, so `body` never runs late; a pool that is
    /// merely busy keeps answering others, so its requests wait on), and for ``openInterval``
    /// afterwards requests fail at once. The
    /// failure is ``IndexStoreError/unavailable(_:)``, which the HTTP layer answers with 503.
    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if breaker.isOpen(now: .now) {
            throw IndexStoreError.unavailable("The database did not answer lately; not asking again yet.")
        }
        let leased = LeaseFlag()
        do {
            return try await withoutActuallyEscaping(body) { body in
                let work = UncheckedBody(body)
                return try await withThrowingTaskGroup(of: UncheckedResult<T>?.self) { group in
                    group.addTask {
                        UncheckedResult(
                            try await self.client.withConnection { connection in
                                guard leased.lease() else { throw CancellationError() }
                                return try await work.body(connection.sql(queryLogLevel: nil))
                            })
                    }
                    group.addTask {
                        // A busy pool is not a dead database: the wait goes on while other
                        // requests are being answered.
                        repeat {
                            try? await Task.sleep(for: Self.leaseTimeout)
                        } while !Task.isCancelled && !leased.wasLeased
                            && self.breaker.answered(within: Self.leaseTimeout, now: .now)
                        return nil
                    }
                    while let next = try await group.next() {
                        if let result = next {
                            breaker.recordAnswer(at: .now)
                            group.cancelAll()
                            return result.value
                        }
                        if leased.expire() {
                            group.cancelAll()
                            throw IndexStoreError.unavailable(
                                "No database connection, and no answer from the database, within "
                                    + "\(Self.leaseTimeout); it may be down.")
                        }
                    }
                    throw CancellationError()
                }
            }
        } catch {
            let translated = error is IndexStoreError ? error : PostgresDialectSpecifics.translate(error)
            if let failure = translated as? IndexStoreError, case .unavailable = failure, !leased.wasLeased {
                // Never got a connection: the database is down or unreachable, not a bad query.
                breaker.open(until: .now + Self.openInterval)
            }
            throw translated
        }
    }

    func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(body)
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await ownTransaction(body)
    }

    func close() async throws {
        running.cancel()
        _ = await running.value
    }
}

/// Refuses requests at once for a while after the database failed to answer.
final class Breaker: Sendable {
    private let openUntil = Mutex<ContinuousClock.Instant?>(nil)
    private let lastAnswer = Mutex<ContinuousClock.Instant?>(nil)

    /// Notes that the database answered a request at `now`.
    func recordAnswer(at now: ContinuousClock.Instant) {
        lastAnswer.withLock { $0 = now }
    }

    /// Whether the database answered a request in the `interval` before `now`.
    func answered(within interval: Duration, now: ContinuousClock.Instant) -> Bool {
        lastAnswer.withLock { last in last.map { now - $0 < interval } ?? false }
    }

    func isOpen(now: ContinuousClock.Instant) -> Bool {
        openUntil.withLock { until in
            guard let end = until else { return false }
            if now >= end { until = nil }
            return now < end
        }
    }

    func open(until end: ContinuousClock.Instant) {
        openUntil.withLock { $0 = end }
    }
}

/// Decides once whether a request got its connection in time or gave up waiting.
final class LeaseFlag: Sendable {
    private let state = Mutex<Bool?>(nil)

    /// `true` (and the connection may be used) unless the wait already expired.
    func lease() -> Bool {
        state.withLock { state in
            if state == nil { state = true }
            return state == true
        }
    }

    /// Whether a connection was leased.
    var wasLeased: Bool { state.withLock { $0 == true } }

    /// `true` (the request gives up) unless a connection was already leased.
    func expire() -> Bool {
        state.withLock { state in
            if state == nil { state = false }
            return state == false
        }
    }
}

/// A non-escaping body made escapable for one task group whose tasks all end inside it.
struct UncheckedBody<T>: @unchecked Sendable {
    let body: (any SQLDatabase) async throws -> T
    init(_ body: @escaping (any SQLDatabase) async throws -> T) { self.body = body }
}

/// A result handed out of a task group.
struct UncheckedResult<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
