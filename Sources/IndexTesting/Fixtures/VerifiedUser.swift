import IndexCore

extension IndexWriteTransaction {
    /// A user as `cheeseshop user create` makes one: address verified, administrator-made (so
    /// the default 2FA policy does not apply), no password.
    public func createVerifiedUser(username: String, email: String, created: Timestamp) async throws -> User {
        var user = try await createUser(username: username, email: email, passwordHash: "", created: created)
        user.emailVerified = true
        try await updateUser(user)
        return user
    }
}
