import Synchronization

/// An in-memory sliding-window rate limiter (the `limits` library's moving window, as Warehouse
/// uses), safe to share between tasks. Each key keeps the times of its most recent hits in
/// ascending order (so a check is two binary searches per window, not a scan), at most
/// as many as the largest limit needs and only as old as the longest window; keys with nothing
/// left are evicted, and past `maximumKeys` the least recently hit keys are dropped, so memory
/// stays bounded whatever keys callers invent.
public final class RateLimiter: Sendable {
    /// The limits this limiter enforces.
    public let limit: RateLimit
    /// The most keys kept at once.
    public let maximumKeys: Int
    private let state: Mutex<[String: [Double]]>

    /// Creates a limiter for `limit` with room for `maximumKeys` keys.
    public init(_ limit: RateLimit, maximumKeys: Int = 100_000) {
        self.limit = limit
        self.maximumKeys = max(1, maximumKeys)
        self.state = Mutex([:])
    }

    /// Records one hit for `key` at `time` (Warehouse hits only on failures, e.g. a wrong password).
    public func hit(_ key: String, at time: Timestamp) {
        let now = time.secondsSinceEpoch
        state.withLock { keys in
            // Taken out and put back so that the array is mutated in place, not copied.
            var hits = keys.removeValue(forKey: key) ?? []
            hits.removeFirst(Self.count(in: hits, atOrBefore: now - limit.horizon))
            // Hits arrive in time order but for races between callers: insert in place.
            hits.insert(now, at: Self.count(in: hits, atOrBefore: now))
            if hits.count > limit.memory { hits.removeFirst(hits.count - limit.memory) }
            keys[key] = hits
            if keys.count > maximumKeys { evict(&keys, now: now) }
        }
    }

    /// `nil` when `key` may act at `time`; otherwise how long until every limit has room.
    public func test(_ key: String, at time: Timestamp) -> RetryAfter? {
        let now = time.secondsSinceEpoch
        let hits = state.withLock { keys in keys[key] ?? [] }
        var frees = now
        let end = Self.count(in: hits, atOrBefore: now)
        for window in limit.windows {
            let start = Self.count(in: hits, atOrBefore: now - window.seconds)
            if end - start >= window.count {
                frees = max(frees, hits[end - window.count] + window.seconds)
            }
        }
        guard frees > now else { return nil }
        let wait = frees - now
        return RetryAfter(seconds: max(1, Int(wait.rounded(.up))), at: Timestamp(secondsSinceEpoch: frees))
    }

    /// Forgets every hit for `key` (e.g. after a successful login or a password reset).
    public func clear(_ key: String) {
        _ = state.withLock { keys in keys.removeValue(forKey: key) }
    }

    /// Drops keys whose hits have all left the longest window.
    public func evictExpired(at time: Timestamp) {
        state.withLock { keys in
            keys = keys.compactMapValues { hits in
                let kept = pruned(hits, now: time.secondsSinceEpoch)
                return kept.isEmpty ? nil : kept
            }
        }
    }

    /// The number of keys held (for tests and metrics).
    public var keyCount: Int { state.withLock { $0.count } }

    private func pruned(_ hits: [Double], now: Double) -> [Double] {
        Array(hits[Self.count(in: hits, atOrBefore: now - limit.horizon)...])
    }

    /// How many of the ascending `hits` are at or before `time`, by binary search: the hits of
    /// a key can number as many as the largest limit (a million for a generous upload limit).
    static func count(in hits: [Double], atOrBefore time: Double) -> Int {
        var low = 0
        var high = hits.count
        while low < high {
            let middle = (low + high) / 2
            if hits[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func evict(_ keys: inout [String: [Double]], now: Double) {
        keys = keys.compactMapValues { hits in
            let kept = pruned(hits, now: now)
            return kept.isEmpty ? nil : kept
        }
        guard keys.count > maximumKeys else { return }
        let byAge = keys.sorted { ($0.value.last ?? 0) < ($1.value.last ?? 0) }
        // Down to 90% so a flood of new keys does not sort the table on every hit.
        for (key, _) in byAge.prefix(keys.count - maximumKeys * 9 / 10) { keys.removeValue(forKey: key) }
    }
}
