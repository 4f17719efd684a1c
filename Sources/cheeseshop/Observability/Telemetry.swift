import Logging
import Metrics
import Prometheus

/// The process's logging and metrics backends, set up once at start.
enum Telemetry {
    /// swift-prometheus's registry, which `GET /metrics` prints.
    static let registry = PrometheusCollectorRegistry()

    /// Where log lines go: standard output.
    static let output = LineWriter(descriptor: 1)

    /// Sends every swift-log logger to standard output in `format` from `level` up, and every
    /// swift-metrics metric to ``registry``; returns the server's logger.
    static func bootstrap(format: LineLogHandler.Format, level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            LineLogHandler(label: label, format: format, level: level, writer: output)
        }
        MetricsSystem.bootstrap(factory)
        return Logger(label: "cheeseshop")
    }

    /// The factory over ``registry``.
    static let factory = PrometheusMetricsFactory(registry: registry)

    /// ``registry``'s metrics in Prometheus's text format.
    @Sendable static func exposition() -> [UInt8] { registry.emitToBuffer() }
}
