/// The account-security ports and settings the composition root wires: password hashing,
/// randomness, mail, the server secret, the 2FA policy, the optional breached-password check.
public struct SecurityPorts: Sendable {
    /// Hashes and checks passwords (Argon2id in production).
    public var hasher: any PasswordHasher
    /// Session ids, token keys, TOTP secrets, recovery codes.
    public var random: any RandomSource
    /// Verification and reset e-mails.
    public var mailer: any Mailer
    /// Signs session cookies and e-mail links (at least 32 bytes).
    public var secret: [UInt8]
    /// Who must have 2FA to upload.
    public var twoFactorPolicy: TwoFactorPolicy
    /// The k-anonymity breached-password check, when configured (fails open).
    public var breached: (any BreachedPasswordChecker)?
    /// The public keys of the code host whose leak reports revoke tokens, when configured.
    public var leakReporterKeys: (any LeakReporterKeys)?
    /// New projects per user (twice that per IP address); PyPI's 20 per hour by default.
    public var projectCreationLimit: RateLimit = RateLimitPolicies().projectCreatePerUser
    /// Trusted publishing (OIDC), when enabled.
    public var trustedPublishing: TrustedPublishingPorts?
    /// The SSRF guard of webhook targets (by default only literal public addresses pass: the
    /// composition root gives it the system's resolver).
    public var webhookTargets = WebhookTargetPolicy(resolver: NoHostResolver(), allowPrivate: false)

    /// Creates the ports.
    public init(
        hasher: any PasswordHasher, random: any RandomSource, mailer: any Mailer, secret: [UInt8],
        twoFactorPolicy: TwoFactorPolicy = .web, breached: (any BreachedPasswordChecker)? = nil,
        trustedPublishing: TrustedPublishingPorts? = nil
    ) {
        self.hasher = hasher
        self.random = random
        self.mailer = mailer
        self.secret = secret
        self.twoFactorPolicy = twoFactorPolicy
        self.breached = breached
        self.trustedPublishing = trustedPublishing
    }
}
