/// Whether a password appears in known breaches (Warehouse: Have I Been Pwned's k-anonymity
/// range API, SHA-1 with a 5-character prefix).
public protocol BreachedPasswordChecker: Sendable {
    /// `true` if breached, `false` if not, `nil` when it could not be told (the service is down):
    /// callers fail open, as Warehouse does.
    func isBreached(_ password: String) async -> Bool?
}
