/// One or more limits on how often something may happen, e.g. PyPI's `"10 per 5 minutes"` or
/// `"5 per 5 minutes; 20 per hour; 50 per day"` (the `limits` library's notation, which
/// Warehouse's `config.py` uses). Every limit must have room for a hit to be allowed.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
    /// One limit: at most `count` hits in any `window` seconds.
    public struct Window: Hashable, Sendable {
        /// Hits allowed in the window.
        public var count: Int
        /// The window's length in seconds.
        public var seconds: Double

        /// Creates a limit.
        public init(count: Int, seconds: Double) {
            self.count = count
            self.seconds = seconds
        }
    }

    /// The limits, all enforced.
    public var windows: [Window]

    /// Creates a rate limit from its windows.
    public init(_ windows: [Window]) { self.windows = windows }

    /// Parses `"N per [M] unit"` items joined by `;` (units second, minute, hour, day, each
    /// also plural); `nil` when any item is malformed or non-positive.
    public init?(_ text: String) {
        var windows: [Window] = []
        for item in text.split(separator: ";") {
            let words = item.split(separator: " ")
            guard words.count == 3 || words.count == 4, words[1] == "per",
                let count = Int(words[0]), count > 0
            else { return nil }
            let multiple = words.count == 4 ? Double(words[2]) : 1
            guard let multiple, multiple > 0, let unit = Self.unitSeconds[String(words[words.count - 1])] else {
                return nil
            }
            windows.append(Window(count: count, seconds: multiple * unit))
        }
        guard !windows.isEmpty else { return nil }
        self.windows = windows
    }

    public var description: String {
        windows.map { "\($0.count) per \(Int($0.seconds)) seconds" }.joined(separator: "; ")
    }

    private static let unitSeconds: [String: Double] = [
        "second": 1, "seconds": 1, "minute": 60, "minutes": 60, "hour": 3600, "hours": 3600,
        "day": 86_400, "days": 86_400,
    ]

    /// The longest window, how long a hit is remembered.
    var horizon: Double { windows.map(\.seconds).max() ?? 0 }
    /// The most hits any window needs to remember.
    var memory: Int { windows.map(\.count).max() ?? 0 }
}

/// How long until a rate-limited action may be tried again.
public struct RetryAfter: Hashable, Sendable {
    /// Seconds until a slot frees, rounded up to whole seconds (at least 1), for `Retry-After`.
    public var seconds: Int
    /// The moment a slot frees.
    public var at: Timestamp

    /// Creates a retry-after value.
    public init(seconds: Int, at: Timestamp) {
        self.seconds = seconds
        self.at = at
    }
}
