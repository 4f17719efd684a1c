/// Why an account action was refused: the HTTP status, the user-facing message, and for a rate
/// limit the seconds after which to try again.
public struct AuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 400, 401, 403, 404 or 429.
    public let status: Int
    /// The user-facing message.
    public let message: String
    /// For 429: seconds until a retry can succeed (`Retry-After`).
    public let retryAfter: Int?

    /// Creates an error.
    public init(status: Int, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(status) \(message)" }

    /// Warehouse's answer to a token that does not check out.
    public static func invalidToken(_ reason: String) -> AuthError {
        AuthError(status: 403, "Invalid API Token: \(reason)")
    }

    /// A rate limit was hit.
    public static func tooMany(_ message: String, retryAfter: RetryAfter) -> AuthError {
        AuthError(status: 429, message, retryAfter: retryAfter.seconds)
    }
}
