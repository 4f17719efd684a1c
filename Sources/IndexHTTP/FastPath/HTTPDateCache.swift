import IndexCore

/// The `Date` header's text (RFC 9110 IMF-fixdate), formatted once per second.
struct HTTPDateCache {
    private var second: Int64 = .min
    private var cached = ""

    /// The text for `secondsSinceEpoch`.
    mutating func text(at secondsSinceEpoch: Double) -> String {
        let now = Int64(secondsSinceEpoch.rounded(.down))
        if now != second {
            second = now
            cached = Timestamp(secondsSinceEpoch: Double(now)).httpDate
        }
        return cached
    }
}
