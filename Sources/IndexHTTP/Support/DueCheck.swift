/// A look at something at most once per interval, taken by one caller while the others go on
/// with what they have (the read model's journal, the read-only setting).
struct DueCheck: Sendable {
    private var nextCheck = 0.0
    private var checking = false

    /// Whether a look is due at `now` and nobody is taking it.
    func isDue(now: Double) -> Bool { !checking && now >= nextCheck }

    /// Claims the look when it is due (the next one is due `interval` seconds after `now`);
    /// `false` when it is not due or another caller has it. A claimer calls ``finish()``.
    mutating func claim(now: Double, interval: Double) -> Bool {
        guard isDue(now: now) else { return false }
        checking = true
        nextCheck = now + interval
        return true
    }

    /// Ends the claimed look.
    mutating func finish() { checking = false }
}
