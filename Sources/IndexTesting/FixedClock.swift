import IndexCore

/// A clock that says what the test tells it, and moves only when told.
public final class FixedClock: IndexClock, @unchecked Sendable {
    private let lock = Lock()
    private var current: Timestamp

    /// Starts at `start` (default 2026-01-01T00:00:00Z).
    public init(_ start: Timestamp = Timestamp(secondsSinceEpoch: 1_767_225_600)) {
        current = start
    }

    public func now() -> Timestamp {
        lock.withLock { current }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) {
        lock.withLock { current.secondsSinceEpoch += seconds }
    }
}
