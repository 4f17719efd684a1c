/// What a registration attempt tells the browser. An address already in use gets the same
/// answer as a new one (W08: no account enumeration by e-mail); its owner is told by mail.
/// Registration does not log in: a session for a new address only would tell the two apart.
public struct RegistrationResult: Hashable, Sendable {
    /// A session cookie; registration never sets one (the user logs in), kept for callers.
    public var cookie: String?
}

extension AccountService {
    static let usernameTaken = AuthError(
        .invalid, "This username is already being used by another account. Choose a different username.")

    /// Registers an account through the web (the 2FA policy applies to it) and mails a
    /// verification link; the user then logs in. Warehouse's username and e-mail rules and password policy.
    public func register(username: String, email: String, password: String, ip: String) async throws
        -> RegistrationResult
    {
        if try await InstanceFlag.disallowRegistration.isOn(in: store) {
            throw AuthError(.forbidden, InstanceFlag.registrationDisabledMessage)
        }
        try Self.checkUsername(username)
        let email = String(email.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard Self.isPlausibleEmail(email) else {
            throw AuthError(.invalid, "The email address isn't valid. Try again.")
        }
        do {
            try PasswordPolicy().check(password, username: username, email: email)
        } catch {
            throw AuthError(error.kind, error.message)
        }
        if let breached, await breached.isBreached(password) == true {
            throw AuthError(
                .invalid,
                "This password appears in a security breach or has been compromised and cannot be used. "
                    + "See /help/#compromised-password for more information.")
        }
        guard try await store.user(username: username) == nil else { throw Self.usernameTaken }
        // Hashed before the address is looked up, so an address in use costs the same (W08).
        let hash: String
        do { hash = try hasher.hash(password) } catch { throw AuthError(.invalid, "Password too long.") }
        if let owner = try await store.user(email: email) {
            try await mailer.send(
                to: owner.email, subject: "\(settings.siteName): someone tried to register with your address",
                body: "Someone tried to create an account with this address. If it was you, log in as "
                    + "\(owner.username) or reset your password.\n")
            return RegistrationResult(cookie: nil)
        }
        let now = clock.now()
        let user = try await store.write { tx in
            var user = try await tx.createUser(username: username, email: email, passwordHash: hash, created: now)
            user.origin = .web
            try await tx.updateUser(user)
            try await tx.appendEvent(event("account:create", user, ip: ip))
            return user
        }
        try await sendVerification(to: user)
        return RegistrationResult(cookie: nil)
    }

    /// Mails a link that verifies the user's primary address (3 per 6 hours per address).
    public func sendVerification(to user: User) async throws {
        let now = clock.now()
        if let retry = limiters.verifyEmail.test(user.email.lowercased(), at: now) {
            throw AuthError.tooMany("Too many verification emails sent. Try again later.", retryAfter: retry)
        }
        limiters.verifyEmail.hit(user.email.lowercased(), at: now)
        let expires = Int64(now.secondsSinceEpoch + settings.verificationLifetime)
        let payload = "\(user.id.rawValue).\(expires).\(Base64URL.encode(Array(user.email.utf8)))"
        let token = payload + "." + sign("verify:" + payload)
        try await mailer.send(
            to: user.email, subject: "\(settings.siteName): verify your email address",
            body: "Follow this link to verify your address for \(user.username):\n\n"
                + "\(settings.baseURL)/account/verify-email/?token=\(token)\n")
    }

    /// Follows a verification link: the address it names must still be the user's.
    public func verifyEmail(token: String, ip: String) async throws -> User {
        let invalid = AuthError(.invalid, "Invalid token: request a new email verification link.")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, verifySignature(parts[3], of: "verify:" + parts[0...2].joined(separator: ".")),
            let id = Int64(parts[0]), let expires = Int64(parts[1]),
            let emailBytes = Base64URL.decode(parts[2]),
            let email = String(validating: emailBytes, as: UTF8.self)
        else { throw invalid }
        guard Double(expires) > clock.now().secondsSinceEpoch else {
            throw AuthError(.invalid, "Expired token: request a new email verification link.")
        }
        guard var user = try await store.user(id: UserID(id)), user.email == email else { throw invalid }
        guard !user.emailVerified else { return user }
        user.emailVerified = true
        try await store.write { [user] tx in
            try await tx.updateUser(user)
            try await tx.appendEvent(event("account:email:verified", user, ip: ip, ["email": email]))
        }
        return user
    }

    /// Changes the password (the current one must be given); every session of the user ends
    /// and this browser gets a new one.
    public func changePassword(_ active: ActiveSession, current: String, new: String, ip: String) async throws
        -> String
    {
        guard hasher.verify(current, against: active.user.passwordHash) != .invalid else {
            throw AuthError(.unauthenticated, "The password is invalid. Try again.")
        }
        do {
            try PasswordPolicy().check(new, username: active.user.username, email: active.user.email)
        } catch {
            throw AuthError(error.kind, error.message)
        }
        var user = active.user
        do { user.passwordHash = try hasher.hash(new) } catch { throw AuthError(.invalid, "Password too long.") }
        user.passwordChanged = clock.now()
        let (cookie, session) = newSession(for: user, awaitingSecondFactor: false)
        try await store.write { [user] tx in
            try await tx.updateUser(user)
            try await tx.deleteSessions(userID: user.id)
            try await tx.saveSession(session)
            try await tx.appendEvent(event("account:password:change", user, ip: ip))
        }
        return cookie
    }

    /// Warehouse's username rule: letters, digits, `.`, `_`, `-`, starting and ending with a
    /// letter or digit, at most 50 characters.
    static func checkUsername(_ username: String) throws(AuthError) {
        let bytes = Array(username.utf8)
        func alnum(_ byte: UInt8) -> Bool {
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }
        guard !bytes.isEmpty, bytes.count <= 50, let first = bytes.first, let last = bytes.last, alnum(first),
            alnum(last), bytes.allSatisfy({ alnum($0) || $0 == 46 || $0 == 95 || $0 == 45 })
        else {
            throw AuthError(
                .invalid,
                "The username is invalid. Usernames must be composed of letters, numbers, dots, hyphens and "
                    + "underscores. And must also start and finish with a letter or number. Choose a different "
                    + "username.")
        }
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && email.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" }
    }
}
