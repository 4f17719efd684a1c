import IndexCore
import Metrics
import Synchronization

/// The server's metrics, through swift-metrics on the factory it is given (the executable gives
/// swift-prometheus's, exposed at `GET /metrics`; tests a no-op or a test one). Every label value
/// comes from a fixed set, so clients cannot grow the metrics.
public final class ServerMetrics: Sendable {
    /// Why a connection was closed by the server before the client was done.
    enum ShedReason: String, CaseIterable, Sendable {
        case headerTimeout = "header_timeout"
        case bodyTimeout = "body_timeout"
        case bodyRate = "body_rate"
        case overCapacity = "over_capacity"
    }

    let factory: any MetricsFactory
    /// Request durations by route (``RequestDurations``: not through swift-metrics).
    let durations = RequestDurations()
    private let requests = Mutex<[Int: Counter]>([:])
    private let uploads = Mutex<[String: Counter]>([:])
    private let shed: [ShedReason: Counter]
    private let jobFailures = Mutex<[String: Counter]>([:])
    let openConnections: Gauge
    let readModelHits: Counter
    let readModelMisses: Counter
    let jobsWaiting: Gauge
    let oldestJobAge: Gauge
    let journalLag: Gauge
    let journalSerial: Gauge
    let databaseConnectionsInUse: Gauge
    /// Downloads and page requests written to the statistics, and dropped under overload.
    let downloadCountsWritten: Counter
    let downloadCountsDropped: Counter
    /// `/simple/` (``SimpleRoot``): the serial it shows, the segments rendered, and the time
    /// spent bringing it up to date (builds and catch-ups).
    let simpleRootSerial: Gauge
    let simpleRootSegmentsRendered: Counter
    let simpleRootUpdateSeconds: FloatingPointCounter
    private let appliedSerial = Atomic<Int64>(0)

    /// Metrics made by `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
        shed = Dictionary(
            uniqueKeysWithValues: ShedReason.allCases.map {
                (
                    $0,
                    Counter(
                        label: "cheeseshop_connections_shed_total", dimensions: [("reason", $0.rawValue)],
                        factory: factory)
                )
            })
        openConnections = Gauge(label: "cheeseshop_connections_open", factory: factory)
        readModelHits = Counter(
            label: "cheeseshop_read_model_lookups_total", dimensions: [("result", "hit")], factory: factory)
        readModelMisses = Counter(
            label: "cheeseshop_read_model_lookups_total", dimensions: [("result", "miss")], factory: factory)
        jobsWaiting = Gauge(label: "cheeseshop_jobs_waiting", factory: factory)
        oldestJobAge = Gauge(label: "cheeseshop_jobs_oldest_age_seconds", factory: factory)
        journalLag = Gauge(label: "cheeseshop_journal_lag_entries", factory: factory)
        journalSerial = Gauge(label: "cheeseshop_journal_applied_serial", factory: factory)
        databaseConnectionsInUse = Gauge(label: "cheeseshop_database_connections_in_use", factory: factory)
        downloadCountsWritten = Counter(label: "cheeseshop_download_counts_written_total", factory: factory)
        downloadCountsDropped = Counter(label: "cheeseshop_download_counts_dropped_total", factory: factory)
        simpleRootSerial = Gauge(label: "cheeseshop_simple_root_serial", factory: factory)
        simpleRootSegmentsRendered = Counter(label: "cheeseshop_simple_root_segments_rendered_total", factory: factory)
        simpleRootUpdateSeconds = FloatingPointCounter(
            label: "cheeseshop_simple_root_update_seconds_total", factory: factory)
    }

    /// Metrics that go nowhere.
    public static let none = ServerMetrics(factory: NOOPMetricsHandler.instance)

    /// What one connection keeps between its requests: the counters it has used, by route and
    /// status, and the durations not handed over yet.
    struct ConnectionState {
        fileprivate var counters: [Int: Counter] = [:]
        fileprivate var durations = RequestDurations.Batch()
    }

    /// Counts one answered request and its duration (`now`: nanoseconds, monotonic).
    func request(
        _ route: RouteKind, status: Int, nanoseconds: Int64, now: Int64, connection counters: inout ConnectionState
    ) {
        let key = route.rawValue << 16 | status
        let counter: Counter
        if let known = counters.counters[key] {
            counter = known
        } else {
            counter = requests.withLock { shared in
                if let counter = shared[key] { return counter }
                let counter = Counter(
                    label: "cheeseshop_http_requests_total",
                    dimensions: [("route", route.label), ("status", String(status))], factory: factory)
                shared[key] = counter
                return counter
            }
            counters.counters[key] = counter
        }
        counter.increment()
        durations.observe(route, nanoseconds: nanoseconds, now: now, batch: &counters.durations)
    }

    /// Hands over what a closing connection has not.
    func connectionClosed(_ state: inout ConnectionState, now: Int64) {
        durations.handOver(&state.durations, now: now)
    }

    /// Every metric in Prometheus's text format: `registry`'s (swift-metrics through
    /// swift-prometheus) and the request durations.
    func exposition(registry: [UInt8]) -> [UInt8] {
        registry + Array(durations.exposition().utf8)
    }

    /// Counts one connection closed for `reason`.
    func shed(_ reason: ShedReason) {
        shed[reason]?.increment()
    }

    /// Counts one upload by its outcome: `accepted`, or the refusal's reason.
    func upload(_ outcome: String) {
        counter(outcome, in: uploads, label: "cheeseshop_uploads_total", dimension: "outcome").increment()
    }

    /// Counts one failed attempt at a background job of `kind`.
    public func jobFailed(kind: String) {
        counter(kind, in: jobFailures, label: "cheeseshop_job_failures_total", dimension: "kind").increment()
    }

    /// The journal serial this node's read model has applied.
    func journalApplied(_ serial: Int64) {
        appliedSerial.store(serial, ordering: .relaxed)
        journalSerial.record(serial)
    }

    /// Samples what waits, before each scrape: the job queue, and how far this node's read model
    /// is behind the journal. Values the database cannot give now are left as they were.
    func sample(store: any IndexStore, now: Timestamp) async {
        // Sampled first: the queries below use connections themselves.
        if let inUse = store.connectionsInUse() { databaseConnectionsInUse.record(inUse) }
        if let waiting = try? await store.pendingJobs() { jobsWaiting.record(waiting) }
        do {
            let oldest = try await store.oldestPendingJob()
            oldestJobAge.record(max(0, now.secondsSinceEpoch - (oldest?.secondsSinceEpoch ?? now.secondsSinceEpoch)))
        } catch {}
        if let latest = try? await store.maxSerial() {
            journalLag.record(max(0, latest - appliedSerial.load(ordering: .relaxed)))
        }
    }

    private func counter(
        _ value: String, in counters: borrowing Mutex<[String: Counter]>, label: String, dimension: String
    ) -> Counter {
        counters.withLock { counters in
            if let counter = counters[value] { return counter }
            let counter = Counter(label: label, dimensions: [(dimension, value)], factory: factory)
            counters[value] = counter
            return counter
        }
    }
}

extension DomainErrorKind {
    /// The refusal's metrics label.
    var metricsLabel: String {
        switch self {
        case .invalid: "invalid"
        case .unauthenticated: "unauthenticated"
        case .invalidCredential: "invalid_credential"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .unprocessable: "unprocessable"
        case .rateLimited: "rate_limited"
        case .internalFailure: "internal_failure"
        case .unavailable: "unavailable"
        }
    }
}
