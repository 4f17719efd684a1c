import PythonPackaging

/// A logged-in browser: the session and its user.
public struct ActiveSession: Hashable, Sendable {
    /// The stored session.
    public var session: WebSession
    /// Its user.
    public var user: User
}

/// What a login step produced: the cookie to set (a new session id: rotated at every step) and
/// whether the second factor is still to be given.
public struct LoginResult: Hashable, Sendable {
    /// The session cookie's value.
    public var cookie: String
    /// Whether the next page is the second-factor form.
    public var needsSecondFactor: Bool
}

extension AccountService {
    /// The one answer to a failed login, whether the user exists or not (W08).
    static let invalidLogin = AuthError(.unauthenticated, "The username or password is invalid. Try again.")
    static let tooManyLogins = "There have been too many unsuccessful login attempts. Try again later."
    static let tooManyTwoFactor = "There have been too many attempts to sign in with two-factor. Try again later."
    static let invalidCode = AuthError(.unauthenticated, "Invalid TOTP code or recovery code. Try again.")

    /// A hash to verify against when the user does not exist, so both cases cost the same.
    static let decoyHash =
        "$argon2id$v=19$m=1024,t=6,p=6$kbTcbn89hxm7zor5WTkH/g$r5cVRd6afOozhg+guLm28F89bslrNO26JIOcgCRONqw"

    /// The session a cookie names, when the cookie's signature holds, the session exists and has
    /// not expired, and its user is not frozen. `allowingSecondFactorStep` admits a session
    /// that has given its password but not yet its second factor.
    public func session(cookie: String?, allowingSecondFactorStep: Bool = false) async throws -> ActiveSession? {
        guard let cookie, cookie.utf8.count <= 256, let dot = cookie.lastIndex(of: ".") else { return nil }
        let id = String(cookie[..<dot])
        guard verifySignature(String(cookie[cookie.index(after: dot)...]), of: "session:" + id) else { return nil }
        guard let session = try await store.session(idDigest: Self.digest(id)),
            session.expires > clock.now(), allowingSecondFactorStep || !session.awaitingSecondFactor,
            let user = try await store.user(id: session.userID), !user.isFrozen
        else { return nil }
        return ActiveSession(session: session, user: user)
    }

    /// Logs in with a password. Failures count against the user, the address and the site
    /// (PyPI's numbers); while a limit is reached even the right password is refused (AU01).
    /// A stored hash in an older scheme is replaced. The previous session (if any) ends and a
    /// new id is issued (no fixation).
    public func login(username: String, password: String, ip: String, previousCookie: String?) async throws
        -> LoginResult
    {
        let now = clock.now()
        let userKey = username.lowercased()
        for limiter in [limiters.loginPerUser, limiters.loginPerIP, limiters.loginGlobal] {
            let key = limiter === limiters.loginPerUser ? userKey : limiter === limiters.loginPerIP ? ip : "all"
            if let retry = limiter.test(key, at: now) {
                throw AuthError.tooMany(Self.tooManyLogins, retryAfter: retry)
            }
        }
        let user = try await store.user(username: username)
        let check = hasher.verify(password, against: user?.passwordHash ?? Self.decoyHash)
        guard var user, check != .invalid, !user.isFrozen else {
            limiters.loginPerUser.hit(userKey, at: now)
            limiters.loginPerIP.hit(ip, at: now)
            limiters.loginGlobal.hit("all", at: now)
            if let user { try await record(event("account:login:failure", user, ip: ip, ["reason": "password"])) }
            throw Self.invalidLogin
        }
        if check == .validNeedsRehash, let rehashed = try? hasher.hash(password) { user.passwordHash = rehashed }
        let (cookie, session) = newSession(for: user, awaitingSecondFactor: user.hasTwoFactor)
        let previous = previousCookie.flatMap(Self.sessionID).map(Self.digest)
        try await store.write { [user] tx in
            if let previous { try await tx.deleteSession(idDigest: previous) }
            if check == .validNeedsRehash { try await tx.updateUser(user) }
            try await tx.saveSession(session)
            if !user.hasTwoFactor {
                try await tx.appendEvent(event("account:login:success", user, ip: ip, ["two_factor": "no"]))
            }
        }
        return LoginResult(cookie: cookie, needsSecondFactor: user.hasTwoFactor)
    }

    /// The second step of a login: a TOTP code (refused if it is the last one accepted) or an
    /// unused recovery code. Failures count against the user and the address.
    public func completeLogin(cookie: String?, code: String, ip: String) async throws -> LoginResult {
        guard let active = try await session(cookie: cookie, allowingSecondFactorStep: true),
            active.session.awaitingSecondFactor
        else { throw AuthError(.invalidCredential, "Your session has expired. Log in again.") }
        var user = active.user
        let now = clock.now()
        let userKey = user.id.description
        if let retry = limiters.twoFactorPerUser.test(userKey, at: now) ?? limiters.twoFactorPerIP.test(ip, at: now) {
            throw AuthError.tooMany(Self.tooManyTwoFactor, retryAfter: retry)
        }
        var tag = "account:login:success"
        var details = ["two_factor": "totp"]
        if let secret = user.totpSecret,
            let counter = TOTP.verify(code: code, secret: secret, now: now, lastUsedCounter: user.totpLastCounter)
        {
            user.totpLastCounter = counter
        } else if let burned = try await burnRecoveryCode(code, user: user) {
            details = ["two_factor": "recovery-code", "code": String(burned)]
            tag = "account:recovery_codes:used"
        } else {
            limiters.twoFactorPerUser.hit(userKey, at: now)
            limiters.twoFactorPerIP.hit(ip, at: now)
            try await record(event("account:login:failure", user, ip: ip, ["reason": "two_factor"]))
            throw Self.invalidCode
        }
        let (newCookie, session) = newSession(for: user, awaitingSecondFactor: false)
        try await store.write { [user, tag, details] tx in
            try await tx.deleteSession(idDigest: active.session.idDigest)
            try await tx.updateUser(user)
            try await tx.saveSession(session)
            try await tx.appendEvent(event(tag, user, ip: ip, details))
            if tag != "account:login:success" {
                try await tx.appendEvent(event("account:login:success", user, ip: ip, ["two_factor": "recovery-code"]))
            }
        }
        return LoginResult(cookie: newCookie, needsSecondFactor: false)
    }

    /// Ends the session the cookie names.
    public func logout(cookie: String?) async throws {
        guard let active = try await session(cookie: cookie, allowingSecondFactorStep: true) else { return }
        try await store.write { tx in
            try await tx.deleteSession(idDigest: active.session.idDigest)
            try await tx.appendEvent(event("account:logout", active.user, ip: ""))
        }
    }

    /// Re-authentication for sensitive actions: the password again.
    public func confirmPassword(_ active: ActiveSession, password: String, ip: String) async throws -> ActiveSession {
        guard hasher.verify(password, against: active.user.passwordHash) != .invalid else {
            limiters.loginPerUser.hit(active.user.username.lowercased(), at: clock.now())
            try await record(event("account:reauthenticate:failure", active.user, ip: ip))
            throw AuthError(.unauthenticated, "The password is invalid. Try again.")
        }
        var session = active.session
        session.authenticated = clock.now()
        try await store.write { [session] tx in try await tx.saveSession(session) }
        return ActiveSession(session: session, user: active.user)
    }

    /// Refuses a sensitive action unless the session proved its user recently.
    public func requireRecentAuthentication(_ active: ActiveSession) throws {
        guard
            clock.now().secondsSinceEpoch - active.session.authenticated.secondsSinceEpoch
                <= settings.reauthenticationWindow
        else { throw AuthError(.unauthenticated, "Confirm your password to continue.") }
    }

    /// Whether `token` is the session's CSRF token (constant time).
    public func checkCSRF(_ active: ActiveSession, token: String?) -> Bool {
        guard let token else { return false }
        return ConstantTime.equals(Array(token.utf8), Array(active.session.csrfToken.utf8))
    }

    func newSession(for user: User, awaitingSecondFactor: Bool) -> (cookie: String, session: WebSession) {
        let id = Base64URL.encode(random.bytes(32))
        let now = clock.now()
        let session = WebSession(
            idDigest: Self.digest(id), userID: user.id, created: now,
            expires: Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + settings.sessionLifetime),
            authenticated: now, awaitingSecondFactor: awaitingSecondFactor,
            csrfToken: Base64URL.encode(random.bytes(24)))
        return (id + "." + sign("session:" + id), session)
    }

    static func sessionID(_ cookie: String) -> String? {
        cookie.lastIndex(of: ".").map { String(cookie[..<$0]) }
    }

    static func digest(_ text: String) -> String {
        var hasher = DistributionHasher()
        hasher.update(Array(text.utf8))
        return hasher.finalize().sha256
    }

    /// Burns the recovery code `input` names; its row id, or `nil` when none matches.
    func burnRecoveryCode(_ input: String, user: User) async throws -> Int64? {
        guard RecoveryCodes.normalized(input) != nil else { return nil }
        let codes = try await store.recoveryCodes(userID: user.id).filter { $0.burned == nil }
        guard let index = RecoveryCodes.match(input, storedHashes: codes.map(\.hash), using: AnyHasher(hasher)) else {
            return nil
        }
        let id = codes[index].id
        let now = clock.now()
        return try await store.write { tx in try await tx.burnRecoveryCode(id: id, at: now) } ? id : nil
    }
}

/// A concrete wrapper, for generic APIs that take `some PasswordHasher`.
struct AnyHasher: PasswordHasher {
    let base: any PasswordHasher
    init(_ base: any PasswordHasher) { self.base = base }
    func hash(_ password: String) throws -> String { try base.hash(password) }
    func verify(_ password: String, against stored: String) -> PasswordCheck { base.verify(password, against: stored) }
}
