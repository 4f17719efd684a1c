/// Verifies an OIDC identity token from any issuer this index trusts (the adapter in
/// IndexSecurity picks the issuer by the token's `iss`, checks the signature with its keys,
/// the audience and the lifetime). Tests pass a fake.
public protocol OIDCVerifying: Sendable {
    /// The verified claims of `jwt` at `now`, or why it is refused: `invalid-payload` (not a
    /// JWT, unknown issuer) or `invalid-token` (signature, audience, expiry...).
    func verify(_ jwt: String, now: Timestamp) async throws(TrustedPublishingError) -> OIDCClaims
}

extension TrustedPublishingError {
    /// A token whose `jti` was already used to mint (Warehouse's wording).
    public static let reusedToken = TrustedPublishingError(code: "invalid-reuse-token", "invalid token: already used")

    /// A pending publisher whose project was created by someone else meanwhile.
    public static let pendingProjectExists = TrustedPublishingError(
        code: "invalid-pending-publisher", "valid token, but project already exists")

    /// Trusted publishing is switched off on this index.
    public static let notEnabled = TrustedPublishingError(
        code: "not-enabled", "Trusted publishing functionality not enabled")

    /// The request body is not `{"token": "..."}`.
    public static func invalidPayload(_ description: String) -> TrustedPublishingError {
        TrustedPublishingError(code: "invalid-payload", description)
    }

    /// The token itself is refused (signature, audience, lifetime, claims).
    public static func invalidToken(_ description: String) -> TrustedPublishingError {
        TrustedPublishingError(code: "invalid-token", description)
    }
}
