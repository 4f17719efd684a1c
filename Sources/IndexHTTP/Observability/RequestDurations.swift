import Synchronization

/// The request-duration histogram by route, in Prometheus's text format. Not a swift-metrics
/// timer: swift-prometheus's histogram takes a lock on every observation, which two event loops
/// contend for at tens of thousands of requests a second (measured: 6% of page throughput).
/// Each connection adds its observations up in a ``Batch`` and hands them over at most once a
/// second or every 64 requests, so the shared counts are locked rarely.
final class RequestDurations: Sendable {
    /// The upper bounds of the buckets, in nanoseconds: 1 ms to 60 s.
    static let bounds: [Int64] = [
        1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000,
    ].map { $0 * 1_000_000 }

    /// One route's counts: per bucket (not cumulative, the last one past every bound), the sum
    /// of the durations and the count.
    struct Counts {
        var buckets = [Int](repeating: 0, count: RequestDurations.bounds.count + 1)
        var sum: Int64 = 0
        var count = 0

        mutating func add(_ other: Counts) {
            for index in buckets.indices { buckets[index] += other.buckets[index] }
            sum += other.sum
            count += other.count
        }
    }

    /// Observations not handed over yet, one connection's.
    struct Batch {
        var routes = [Counts](repeating: Counts(), count: RouteKind.allCases.count)
        var pending = 0
        var since: Int64 = 0

        /// Adds the duration of one request of `route`.
        mutating func observe(_ route: RouteKind, nanoseconds: Int64) {
            let bucket = RequestDurations.bounds.firstIndex { nanoseconds <= $0 } ?? RequestDurations.bounds.count
            routes[route.rawValue].buckets[bucket] += 1
            routes[route.rawValue].sum += nanoseconds
            routes[route.rawValue].count += 1
            pending += 1
        }
    }

    private let totals = Mutex([Counts](repeating: Counts(), count: RouteKind.allCases.count))

    /// Observes one request in `batch`, handing the batch over when it is due (`now` in
    /// nanoseconds of any monotonic clock).
    func observe(_ route: RouteKind, nanoseconds: Int64, now: Int64, batch: inout Batch) {
        batch.observe(route, nanoseconds: nanoseconds)
        if batch.pending >= 64 || now - batch.since >= 1_000_000_000 {
            handOver(&batch, now: now)
        }
    }

    /// Adds `batch` to the totals and empties it.
    func handOver(_ batch: inout Batch, now: Int64) {
        guard batch.pending > 0 else { return }
        totals.withLock { totals in
            for route in RouteKind.allCases where batch.routes[route.rawValue].count > 0 {
                totals[route.rawValue].add(batch.routes[route.rawValue])
            }
        }
        batch = Batch()
        batch.since = now
    }

    /// The histogram in Prometheus's text exposition format.
    func exposition() -> String {
        let totals = totals.withLock { $0 }
        let name = "cheeseshop_http_request_duration_seconds"
        var text = "# HELP \(name) How long requests took, from the request head to the response end.\n"
        text += "# TYPE \(name) histogram\n"
        for route in RouteKind.allCases {
            let counts = totals[route.rawValue]
            var cumulative = 0
            for (index, bound) in Self.bounds.enumerated() {
                cumulative += counts.buckets[index]
                text += "\(name)_bucket{route=\"\(route.label)\",le=\"\(Double(bound) / 1e9)\"} \(cumulative)\n"
            }
            text += "\(name)_bucket{route=\"\(route.label)\",le=\"+Inf\"} \(counts.count)\n"
            text += "\(name)_sum{route=\"\(route.label)\"} \(Double(counts.sum) / 1e9)\n"
            text += "\(name)_count{route=\"\(route.label)\"} \(counts.count)\n"
        }
        return text
    }
}
