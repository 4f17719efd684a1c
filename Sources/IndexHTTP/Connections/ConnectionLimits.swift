import NIOCore
import Synchronization

/// How long a connection may take and how many there may be (catalogue L02: slow and idle
/// clients). The defaults are nginx's where it has one.
public struct ConnectionLimits: Sendable, Equatable {
    /// How long a new connection may take to send its first request's headers (nginx's
    /// `client_header_timeout`, 60 s).
    public var headerTimeout: TimeAmount = .seconds(60)
    /// How long a kept-alive connection may wait, answered, for its next request's headers
    /// (nginx's `keepalive_timeout`, 75 s).
    public var keepAliveTimeout: TimeAmount = .seconds(75)
    /// How long a request body may go without a byte while the server is ready for one (nginx's
    /// `client_body_timeout`, 60 s).
    public var bodyTimeout: TimeAmount = .seconds(60)
    /// The slowest a request body may arrive, in bytes per second, averaged over each stretch of
    /// ``rateWindow`` during which the server was ready to read (0: no minimum).
    public var bodyMinimumRate: Int = 1024
    /// The most connections open at once; one more is answered 503 and closed.
    public var maximumConnections: Int = 10_000

    /// The stretch over which ``bodyMinimumRate`` is averaged: 10 s, or the body timeout when shorter.
    var rateWindow: TimeAmount { min(.seconds(10), bodyTimeout) }

    /// How often each connection's deadlines are looked at.
    var tick: TimeAmount {
        let shortest = min(headerTimeout, keepAliveTimeout, rateWindow)
        return max(.milliseconds(50), min(.seconds(1), .nanoseconds(shortest.nanoseconds / 4)))
    }

    /// The defaults.
    public init() {}
}

/// The connections open now, shared by every connection of a server (``ConnectionGuard``).
public final class ConnectionCount: Sendable {
    private let open = Atomic<Int>(0)

    /// Creates a count at zero.
    public init() {}

    /// The connections open now.
    public var current: Int { open.load(ordering: .relaxed) }

    /// Counts one more; returns the count with it.
    func enter() -> Int { open.add(1, ordering: .relaxed).newValue }

    /// Counts one fewer; returns the count without it.
    func leave() -> Int { open.subtract(1, ordering: .relaxed).newValue }
}
