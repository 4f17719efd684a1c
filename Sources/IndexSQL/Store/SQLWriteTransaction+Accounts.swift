import IndexCore

extension SQLWriteTransaction {
    func user(id: UserID) async throws -> User? {
        try await live().queries.user(id: id)
    }

    func updateUser(_ user: User) async throws {
        try await live().updateUser(user)
    }

    func saveSession(_ session: WebSession) async throws {
        try await live().saveSession(session)
    }

    func deleteSession(idDigest: String) async throws {
        try await live().deleteSession(idDigest: idDigest)
    }

    func deleteSessions(userID: UserID) async throws {
        try await live().deleteSessions(userID: userID)
    }

    func replaceRecoveryCodes(userID: UserID, hashes: [String]) async throws {
        try await live().replaceRecoveryCodes(userID: userID, hashes: hashes)
    }

    func burnRecoveryCode(id: Int64, at time: Timestamp) async throws -> Bool {
        try await live().burnRecoveryCode(id: id, at: time)
    }

    func appendEvent(_ event: SecurityEvent) async throws {
        try await live().appendEvent(event)
    }

    func claimJWTID(issuer: String, jti: String, expires: Timestamp, now: Timestamp) async throws -> Bool {
        try await live().claimJWTID(issuer: issuer, jti: jti, expires: expires, now: now)
    }

    func savePublisher(_ publisher: StoredPublisher) async throws {
        try await live().savePublisher(publisher)
    }

    func deletePublisher(id: String) async throws {
        try await live().deletePublisher(id: id)
    }

    func reserveName(_ reservation: ReservedName) async throws {
        try await live().reserveName(reservation)
    }

    func deleteReservedName(_ normalizedName: String) async throws {
        try await live().deleteReservedName(normalizedName)
    }

    func changeRole(_ role: Role) async throws {
        try await live().changeRole(role)
    }

    func removeRole(userID: UserID, projectID: ProjectID) async throws {
        try await live().removeRole(userID: userID, projectID: projectID)
    }

    func saveInvitation(_ invitation: RoleInvitation) async throws {
        try await live().saveInvitation(invitation)
    }

    func deleteInvitation(projectID: ProjectID, userID: UserID) async throws {
        try await live().deleteInvitation(projectID: projectID, userID: userID)
    }

}
