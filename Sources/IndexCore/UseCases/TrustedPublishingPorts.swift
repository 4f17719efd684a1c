/// What trusted publishing needs: the audience CI jobs ask tokens for, the issuers trusted,
/// and the verifier that checks their tokens. Absent from ``SecurityPorts``: switched off.
public struct TrustedPublishingPorts: Sendable {
    /// The `aud` tokens must carry, told by `GET /_/oidc/audience`.
    public var audience: String
    /// The issuer URLs publishers may be registered for.
    public var issuers: [String]
    /// Verifies tokens of those issuers.
    public var verifier: any OIDCVerifying
    /// Token lifetime, leeway and `jti` lock.
    public var policy: MintPolicy

    /// Creates the ports.
    public init(audience: String, issuers: [String], verifier: any OIDCVerifying, policy: MintPolicy = MintPolicy()) {
        self.audience = audience
        self.issuers = issuers
        self.verifier = verifier
        self.policy = policy
    }
}
