/// Lets one holder in at a time, in arrival order, across suspension points (an actor alone
/// would interleave its callers at every `await`). The stores use it to serialize their write
/// transactions.
public actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates an open gate.
    public init() {}

    /// Waits until the gate is free, then holds it.
    public func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the gate to the next waiter, or frees it.
    public func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` while holding the gate, and leaves it afterwards, whether `body` returned or threw.
    public nonisolated func holding<T>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }
}
