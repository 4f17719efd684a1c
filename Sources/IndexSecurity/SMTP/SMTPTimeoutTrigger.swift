import Synchronization

/// Times an SMTP exchange out when a test says so, as its deadline would: same error, the reply
/// stream failed and the channel closed. The exchange's one deadline still applies; this only
/// lets a test choose the moment (after its stalled server has received the command it leaves
/// unanswered), so that what it checks does not depend on how fast the machine is. Internal:
/// tests set ``SMTPMailer/timeoutTrigger`` through `@testable import`.
final class SMTPTimeoutTrigger: Sendable {
    private let state = Mutex<(fired: Bool, expire: (@Sendable () -> Void)?)>((false, nil))

    init() {}

    /// Times the exchange out now, or as soon as its connection is made if it is not yet.
    func fire() {
        let expire = state.withLock { state in
            state.fired = true
            defer { state.expire = nil }
            return state.expire
        }
        expire?()
    }

    /// Called by the connection once connected: `expire` runs when the trigger fires, at once
    /// if it has already.
    func install(_ expire: @escaping @Sendable () -> Void) {
        let firedAlready = state.withLock { state in
            if state.fired { return true }
            state.expire = expire
            return false
        }
        if firedAlready { expire() }
    }
}
