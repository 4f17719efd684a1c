/// Why an account action was refused: the kind of refusal, the user-facing message, and for a
/// rate limit the seconds after which to try again.
public struct AuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal (the HTTP module picks the status).
    public let kind: DomainErrorKind
    /// The user-facing message.
    public let message: String
    /// For ``DomainErrorKind/rateLimited``: seconds until a retry can succeed (`Retry-After`).
    public let retryAfter: Int?

    /// Creates an error.
    public init(_ kind: DomainErrorKind, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind): \(message)" }

    /// Warehouse's answer to a token that does not check out.
    public static func invalidToken(_ reason: String) -> AuthError {
        AuthError(.invalidCredential, "Invalid API Token: \(reason)")
    }

    /// A rate limit was hit.
    public static func tooMany(_ message: String, retryAfter: RetryAfter) -> AuthError {
        AuthError(.rateLimited, message, retryAfter: retryAfter.seconds)
    }
}
