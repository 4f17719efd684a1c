import Crypto

/// The account use cases behind the web pages (Warehouse's `accounts` views): registration and
/// e-mail verification, login with a second factor, sessions, re-authentication, password
/// change, TOTP and recovery codes, API tokens, the security log. Every refusal is an
/// ``AuthError``; every security-relevant step appends a ``SecurityEvent``.
public struct AccountService: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource
    let hasher: any PasswordHasher
    let settings: AccountSettings
    let limiters: AccountLimiters
    let mailer: any Mailer
    let breached: (any BreachedPasswordChecker)?

    /// Creates the service on its ports.
    public init(
        store: any IndexStore, clock: any IndexClock, random: any RandomSource, hasher: any PasswordHasher,
        settings: AccountSettings, limiters: AccountLimiters = AccountLimiters(), mailer: any Mailer,
        breached: (any BreachedPasswordChecker)? = nil
    ) {
        self.store = store
        self.clock = clock
        self.random = random
        self.hasher = hasher
        self.settings = settings
        self.limiters = limiters
        self.mailer = mailer
        self.breached = breached
    }

    func event(_ tag: String, _ user: User?, ip: String, _ details: [String: String] = [:]) -> SecurityEvent {
        SecurityEvent(userID: user?.id, tag: tag, time: clock.now(), ip: ip, details: details)
    }

    func record(_ event: SecurityEvent) async throws {
        try await store.write { tx in try await tx.appendEvent(event) }
    }

    /// HMAC-SHA256 of `text` under the server secret, base64url.
    func sign(_ text: String) -> String {
        let key = SymmetricKey(data: settings.secret)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
        return Base64URL.encode(Array(mac))
    }

    /// Whether `signature` is `sign(text)`, compared in constant time.
    func verifySignature(_ signature: String, of text: String) -> Bool {
        ConstantTime.equals(Array(sign(text).utf8), Array(signature.utf8))
    }
}

/// The account settings of a deployment.
public struct AccountSettings: Sendable {
    /// The server secret that signs session cookies, e-mail links and enrollment forms (at
    /// least 32 bytes; kept out of logs).
    public var secret: [UInt8]
    /// The site's public base URL, for links in e-mails (e.g. `https://pypi.example.org`).
    public var baseURL: String
    /// The issuer name shown in authenticator apps.
    public var siteName: String
    /// How long a session lasts (Warehouse: 12 hours).
    public var sessionLifetime: Double
    /// How recent the last proof of identity must be for sensitive actions (token creation,
    /// 2FA changes, password change).
    public var reauthenticationWindow: Double
    /// How long an e-mail verification link works.
    public var verificationLifetime: Double

    /// Creates settings.
    public init(
        secret: [UInt8], baseURL: String, siteName: String = "Cheeseshop", sessionLifetime: Double = 12 * 3600,
        reauthenticationWindow: Double = 15 * 60, verificationLifetime: Double = 6 * 3600
    ) {
        self.secret = secret
        self.baseURL = baseURL
        self.siteName = siteName
        self.sessionLifetime = sessionLifetime
        self.reauthenticationWindow = reauthenticationWindow
        self.verificationLifetime = verificationLifetime
    }
}

/// The rate limiters of the account pages, with PyPI's numbers. One per node: a deployment of
/// many nodes multiplies them by its node count (documented in docs/threat-model.md).
public struct AccountLimiters: Sendable {
    let loginPerUser: RateLimiter
    let loginPerIP: RateLimiter
    let loginGlobal: RateLimiter
    let twoFactorPerUser: RateLimiter
    let twoFactorPerIP: RateLimiter
    let verifyEmail: RateLimiter
    let passwordReset: RateLimiter

    /// Creates limiters from `policies`.
    public init(_ policies: RateLimitPolicies = RateLimitPolicies()) {
        loginPerUser = RateLimiter(policies.loginPerUser)
        loginPerIP = RateLimiter(policies.loginPerIP)
        loginGlobal = RateLimiter(policies.loginGlobal)
        twoFactorPerUser = RateLimiter(policies.twoFactorPerUser)
        twoFactorPerIP = RateLimiter(policies.twoFactorPerIP)
        verifyEmail = RateLimiter(policies.verifyEmail)
        passwordReset = RateLimiter(policies.passwordReset)
    }
}

/// Sends e-mail (verification links, notices). The SMTP implementation and a directory drop
/// live outside IndexCore.
public protocol Mailer: Sendable {
    /// Sends a plain-text message.
    func send(to address: String, subject: String, body: String) async throws
}

extension AccountService {
    /// `count` random bytes as base64url text (CSRF cookies of anonymous forms).
    public func randomText(_ count: Int) -> String {
        Base64URL.encode(random.bytes(count))
    }
}

extension AccountService {
    /// The service's clock reading.
    public var now: Timestamp { clock.now() }
}
