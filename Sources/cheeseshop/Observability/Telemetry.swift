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

    /// The factory over ``registry``, request durations in buckets from 1 ms to 60 s.
    static var factory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        return factory
    }
}
