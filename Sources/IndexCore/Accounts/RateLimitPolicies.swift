/// PyPI's rate limits (Warehouse `config.py`), by what they guard. Keys are chosen by the
/// caller: a user id, an IP address, or one global key.
public struct RateLimitPolicies: Sendable {
    /// Failed logins per user: 10 per 5 minutes.
    public var loginPerUser: RateLimit
    /// Failed logins per IP address: 10 per 5 minutes.
    public var loginPerIP: RateLimit
    /// Failed logins across the site: 1000 per 5 minutes.
    public var loginGlobal: RateLimit
    /// Failed two-factor attempts per user: 5 per 5 minutes, 20 per hour, 50 per day.
    public var twoFactorPerUser: RateLimit
    /// Failed two-factor attempts per IP address: 10 per 5 minutes, 50 per hour.
    public var twoFactorPerIP: RateLimit
    /// Password-reset e-mails per user: 5 per day.
    public var passwordReset: RateLimit
    /// E-mail addresses added per user: 2 per day.
    public var emailAdd: RateLimit
    /// Verification e-mails per address: 3 per 6 hours.
    public var verifyEmail: RateLimit
    /// New projects per user: 20 per hour.
    public var projectCreatePerUser: RateLimit
    /// New projects per IP address: 40 per hour.
    public var projectCreatePerIP: RateLimit

    /// PyPI's numbers.
    public init() {
        let tenPerFiveMinutes = RateLimit([.init(count: 10, seconds: 300)])
        loginPerUser = tenPerFiveMinutes
        loginPerIP = tenPerFiveMinutes
        loginGlobal = RateLimit([.init(count: 1000, seconds: 300)])
        twoFactorPerUser = RateLimit([
            .init(count: 5, seconds: 300), .init(count: 20, seconds: 3600), .init(count: 50, seconds: 86_400),
        ])
        twoFactorPerIP = RateLimit([.init(count: 10, seconds: 300), .init(count: 50, seconds: 3600)])
        passwordReset = RateLimit([.init(count: 5, seconds: 86_400)])
        emailAdd = RateLimit([.init(count: 2, seconds: 86_400)])
        verifyEmail = RateLimit([.init(count: 3, seconds: 6 * 3600)])
        projectCreatePerUser = RateLimit([.init(count: 20, seconds: 3600)])
        projectCreatePerIP = RateLimit([.init(count: 40, seconds: 3600)])
    }
}
