/// A TOTP enrollment in progress: the secret to show (and its QR URI), and the signed form
/// value that carries it to the confirmation step (nothing is stored until a code confirms it).
public struct TOTPEnrollment: Hashable, Sendable {
    /// The base32 secret.
    public var secret: String
    /// The `otpauth://` URI for authenticator apps.
    public var provisioningURI: String
    /// The secret signed with the session, for the confirmation form.
    public var signedSecret: String
}

extension AccountService {
    /// Starts enrolling an authenticator app (recent authentication required).
    public func beginTOTP(_ active: ActiveSession) throws -> TOTPEnrollment {
        try requireRecentAuthentication(active)
        var generator = random.generator
        let secret = TOTP.generateSecret(using: &generator)
        return TOTPEnrollment(
            secret: secret,
            provisioningURI: TOTP.provisioningURI(
                secret: secret, account: active.user.username, issuer: settings.siteName),
            signedSecret: secret + "." + sign("totp:\(active.session.idDigest):" + secret))
    }

    /// Confirms an enrollment with a code from the app; stores the secret and returns 8 new
    /// recovery codes to show once.
    public func confirmTOTP(_ active: ActiveSession, signedSecret: String, code: String, ip: String) async throws
        -> [String]
    {
        try requireRecentAuthentication(active)
        guard let dot = signedSecret.lastIndex(of: ".") else { throw AuthError(.invalid, "Invalid enrollment.") }
        let secret = String(signedSecret[..<dot])
        guard
            verifySignature(
                String(signedSecret[signedSecret.index(after: dot)...]),
                of: "totp:\(active.session.idDigest):" + secret)
        else { throw AuthError(.invalid, "Invalid enrollment.") }
        guard let counter = TOTP.verify(code: code, secret: secret, now: clock.now(), lastUsedCounter: nil) else {
            throw AuthError(.invalid, "Invalid TOTP code. Try again.")
        }
        var user = active.user
        user.totpSecret = secret
        user.totpLastCounter = counter
        return try await storeRecoveryCodes(for: user, ip: ip, tag: "account:two_factor:method_added")
    }

    /// Removes the authenticator app (recent authentication and a current code required).
    public func disableTOTP(_ active: ActiveSession, code: String, ip: String) async throws {
        try requireRecentAuthentication(active)
        var user = active.user
        guard let secret = user.totpSecret,
            TOTP.verify(code: code, secret: secret, now: clock.now(), lastUsedCounter: user.totpLastCounter) != nil
        else { throw AuthError(.invalid, "Invalid TOTP code. Try again.") }
        user.totpSecret = nil
        user.totpLastCounter = nil
        try await store.write { [user] tx in
            try await tx.updateUser(user)
            try await tx.replaceRecoveryCodes(userID: user.id, hashes: [])
            try await tx.appendEvent(event("account:two_factor:method_removed", user, ip: ip))
        }
    }

    /// Replaces the recovery codes (recent authentication required); returns the new ones.
    public func regenerateRecoveryCodes(_ active: ActiveSession, ip: String) async throws -> [String] {
        try requireRecentAuthentication(active)
        guard active.user.hasTwoFactor else { throw AuthError(.invalid, "Enable two-factor authentication first.") }
        return try await storeRecoveryCodes(for: active.user, ip: ip, tag: "account:recovery_codes:regenerated")
    }

    private func storeRecoveryCodes(for user: User, ip: String, tag: String) async throws -> [String] {
        var generator = random.generator
        let codes = RecoveryCodes.generate(using: &generator)
        let hashes: [String]
        do { hashes = try RecoveryCodes.hashes(of: codes, using: AnyHasher(hasher)) } catch {
            throw AuthError(.internalFailure, "Could not store the recovery codes.")
        }
        try await store.write { tx in
            try await tx.updateUser(user)
            try await tx.replaceRecoveryCodes(userID: user.id, hashes: hashes)
            try await tx.appendEvent(event(tag, user, ip: ip))
        }
        return codes
    }
}
