import Logging

/// What the server logs and measures, and where `GET /metrics` is answered.
public struct ServerObservability: Sendable {
    /// Where the server logs (start, errors met in the background, refusals worth a line).
    public var logger: Logger
    /// Whether each request gets a log line (``RequestObserver``).
    public var accessLog: Bool
    /// The metrics the server records.
    public var metrics: ServerMetrics
    /// The Prometheus text exposition of the swift-metrics registry (``MetricsController`` adds
    /// the request durations), `nil` when `GET /metrics` is not answered on this server (off,
    /// or on another listener).
    public var exposition: (@Sendable () -> [UInt8])?
    /// When set, `GET /metrics` asks for `Authorization: Bearer <token>`.
    public var metricsToken: String?

    /// Creates one.
    public init(
        logger: Logger, accessLog: Bool = true, metrics: ServerMetrics = .none,
        exposition: (@Sendable () -> [UInt8])? = nil, metricsToken: String? = nil
    ) {
        self.logger = logger
        self.accessLog = accessLog
        self.metrics = metrics
        self.exposition = exposition
        self.metricsToken = metricsToken
    }

    /// Nothing logged, nothing measured: for tests.
    public static var none: ServerObservability {
        ServerObservability(logger: Logger(label: "cheeseshop", factory: { _ in SwiftLogNoOpLogHandler() }), accessLog: false)
    }
}
