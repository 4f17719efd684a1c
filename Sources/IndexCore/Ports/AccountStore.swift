/// The account half of ``IndexStore``'s reads: sessions, tokens, recovery codes, security
/// events, reserved names, trusted publishers, roles and invitations.
public protocol AccountReads: Sendable {
    /// The user whose primary address is `email` (compared case-insensitively).
    func user(email: String) async throws -> User?

    /// The project with id `id`.
    func project(id: ProjectID) async throws -> Project?

    /// A user's tokens, oldest first.
    func tokens(userID: UserID) async throws -> [APIToken]

    /// The session whose id has SHA-256 `idDigest`.
    func session(idDigest: String) async throws -> WebSession?

    /// A user's recovery codes, used or not, by id.
    func recoveryCodes(userID: UserID) async throws -> [RecoveryCode]

    /// A user's security events, newest first, at most `limit`.
    func events(userID: UserID, limit: Int) async throws -> [SecurityEvent]

    /// A project's security events, newest first, at most `limit`.
    func events(project normalizedName: String, limit: Int) async throws -> [SecurityEvent]

    /// The reservation of a normalized name, if any (expired ones included; callers compare).
    func reservedName(_ normalizedName: String) async throws -> ReservedName?

    /// The trusted publisher with id `id`.
    func publisher(id: String) async throws -> StoredPublisher?

    /// The trusted publishers registered for `issuer`, pending or not.
    func publishers(issuer: String) async throws -> [StoredPublisher]

    /// The trusted publishers of a project.
    func publishers(projectID: ProjectID) async throws -> [StoredPublisher]

    /// The pending publishers a user registered.
    func pendingPublishers(addedBy userID: UserID) async throws -> [StoredPublisher]

    /// A user's roles, by project id.
    func roles(userID: UserID) async throws -> [Role]

    /// The open invitations of a user.
    func invitations(userID: UserID) async throws -> [RoleInvitation]

    /// The open invitations to a project.
    func invitations(projectID: ProjectID) async throws -> [RoleInvitation]
}

/// The account half of ``IndexWriteTransaction``.
public protocol AccountWrites: Sendable {
    /// The user with id `id`, as this transaction sees it.
    func user(id: UserID) async throws -> User?

    /// Writes every mutable field of `user` (found by id). Not found: ``IndexStoreError/notFound(_:)``.
    func updateUser(_ user: User) async throws

    /// Creates or replaces a session.
    func saveSession(_ session: WebSession) async throws

    /// Ends a session (no error when it is gone).
    func deleteSession(idDigest: String) async throws

    /// Ends every session of a user.
    func deleteSessions(userID: UserID) async throws

    /// Replaces a user's recovery codes with new ones (hashes); an empty list removes them.
    func replaceRecoveryCodes(userID: UserID, hashes: [String]) async throws

    /// Marks a code used; `false` when it was already used or is gone (a second use fails).
    func burnRecoveryCode(id: Int64, at time: Timestamp) async throws -> Bool

    /// Appends a security event.
    func appendEvent(_ event: SecurityEvent) async throws

    /// Records a JWT id as used until `expires`; `false` when it was already recorded and has
    /// not expired (a replay). Expired records are removed on the way.
    func claimJWTID(issuer: String, jti: String, expires: Timestamp, now: Timestamp) async throws -> Bool

    /// Creates or replaces a trusted publisher.
    func savePublisher(_ publisher: StoredPublisher) async throws

    /// Removes a trusted publisher (no error when it is gone).
    func deletePublisher(id: String) async throws

    /// Creates or replaces a name reservation.
    func reserveName(_ reservation: ReservedName) async throws

    /// Lifts a reservation (no error when there is none).
    func deleteReservedName(_ normalizedName: String) async throws

    /// Changes the kind of an existing role. Not found: ``IndexStoreError/notFound(_:)``.
    func changeRole(_ role: Role) async throws

    /// Removes a role. Not found: ``IndexStoreError/notFound(_:)``.
    func removeRole(userID: UserID, projectID: ProjectID) async throws

    /// Creates or replaces an invitation.
    func saveInvitation(_ invitation: RoleInvitation) async throws

    /// Removes an invitation (no error when it is gone).
    func deleteInvitation(projectID: ProjectID, userID: UserID) async throws
}
