/// The current time, injected so that tests can fix it (STYLE.md: no test reads the wall clock).
public protocol IndexClock: Sendable {
    /// Now, in whole seconds since 1970-01-01T00:00:00Z, with a fractional part.
    func now() -> Timestamp
}

/// A point in time as seconds since the Unix epoch (UTC).
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Double

    /// Creates a timestamp.
    public init(secondsSinceEpoch: Double) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
