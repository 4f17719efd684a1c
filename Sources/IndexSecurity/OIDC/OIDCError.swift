/// Why an OIDC token was refused before publisher matching: a short user-facing message in the
/// style of Warehouse's `/_/oidc/mint-token` (`invalid-token`), e.g. "invalid token: wrong audience".
public struct OIDCError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers and tests; the message is what users see.
    public enum Reason: Hashable, Sendable {
        case malformed, oversize, unsupportedAlgorithm, unknownKey, signature
        case issuer, audience, expired, notYetValid, missingClaim, keysUnavailable
    }

    public let reason: Reason
    /// The user-facing message.
    public let message: String
    /// Warehouse's error code for a refused token. Callers see the refusal as a
    /// `TrustedPublishingError` (``IssuerVerifier`` turns it into one).
    public var code: String { "invalid-token" }

    /// Creates an error; `detail` follows "invalid token: ".
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.message = "invalid token: \(detail)"
    }

    public var description: String { message }

    static let malformed = OIDCError(.malformed, "malformed token")
    static let oversize = OIDCError(.oversize, "token is too large")
    static let signature = OIDCError(.signature, "signature verification failed")
    static let unknownKey = OIDCError(.unknownKey, "signed with an unknown key")
    static let issuer = OIDCError(.issuer, "wrong issuer")
    static let expired = OIDCError(.expired, "token has expired")

    static func keysUnavailable(_ why: String) -> OIDCError {
        OIDCError(.keysUnavailable, "the issuer's signing keys are unavailable (\(why))")
    }

    static func missing(_ claim: String) -> OIDCError {
        OIDCError(.missingClaim, "missing claim '\(claim)'")
    }
}
