extension AccountService {
    /// Mails a reset link to the account named by `usernameOrEmail`, if there is one. The
    /// answer is the same either way (W08); 5 per day per account.
    public func requestPasswordReset(_ usernameOrEmail: String, ip: String) async throws {
        let found: User? =
            if usernameOrEmail.contains("@") { try await store.user(email: usernameOrEmail) } else {
                try await store.user(username: usernameOrEmail)
            }
        guard let user = found, !user.isFrozen else { return }
        let now = clock.now()
        guard limiters.passwordReset.test(user.id.description, at: now) == nil else { return }
        limiters.passwordReset.hit(user.id.description, at: now)
        let expires = Int64(now.secondsSinceEpoch + settings.verificationLifetime)
        let payload = "\(user.id.rawValue).\(expires)"
        // Signed with the password's hash, so the link dies once the password changes.
        let token = payload + "." + sign("reset:\(payload):\(user.passwordHash)")
        try await mailer.send(
            to: user.email, subject: "\(settings.siteName): password reset",
            body: "Follow this link to choose a new password for \(user.username):\n\n"
                + "\(settings.baseURL)/account/reset-password/?token=\(token)\n")
        try await record(event("account:password:reset:request", user, ip: ip))
    }

    /// Sets a new password from a reset link; every session ends.
    public func resetPassword(token: String, new password: String, ip: String) async throws {
        let invalid = AuthError(.invalid, "Invalid token: request a new password reset link.")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let id = Int64(parts[0]), let expires = Int64(parts[1]),
            var user = try await store.user(id: UserID(id)),
            verifySignature(parts[2], of: "reset:\(parts[0]).\(parts[1]):\(user.passwordHash)")
        else { throw invalid }
        guard Double(expires) > clock.now().secondsSinceEpoch else {
            throw AuthError(.invalid, "Expired token: request a new password reset link.")
        }
        do {
            try PasswordPolicy().check(password, username: user.username, email: user.email)
        } catch {
            throw AuthError(error.kind, error.message)
        }
        do { user.passwordHash = try hasher.hash(password) } catch {
            throw AuthError(.invalid, "Password too long.")
        }
        user.passwordChanged = clock.now()
        try await store.write { [user] tx in
            try await tx.updateUser(user)
            try await tx.deleteSessions(userID: user.id)
            try await tx.appendEvent(event("account:password:reset", user, ip: ip))
        }
    }
}
