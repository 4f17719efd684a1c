import IndexCore

extension InMemoryWriteTransaction {
    func user(id: UserID) async throws -> User? {
        try change { $0.users[id] }
    }

    func updateUser(_ user: User) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.users[user.id] != nil else { throw .notFound("user \(user.id)") }
            rows.users[user.id] = user
        }
    }

    func saveSession(_ session: WebSession) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.users[session.userID] != nil else { throw .notFound("user \(session.userID)") }
            rows.sessions[session.idDigest] = session
        }
    }

    func deleteSession(idDigest: String) async throws {
        try change { $0.sessions[idDigest] = nil }
    }

    func deleteSessions(userID: UserID) async throws {
        try change { rows in rows.sessions = rows.sessions.filter { $0.value.userID != userID } }
    }

    func replaceRecoveryCodes(userID: UserID, hashes: [String]) async throws {
        try change { rows in
            rows.recoveryCodes = rows.recoveryCodes.filter { $0.value.userID != userID }
            for hash in hashes {
                let id = rows.nextID()
                rows.recoveryCodes[id] = RecoveryCode(id: id, userID: userID, hash: hash)
            }
        }
    }

    func burnRecoveryCode(id: Int64, at time: Timestamp) async throws -> Bool {
        try change { rows in
            guard let code = rows.recoveryCodes[id], code.burned == nil else { return false }
            rows.recoveryCodes[id]?.burned = time
            return true
        }
    }

    func appendEvent(_ event: SecurityEvent) async throws {
        try change { rows in
            var stored = event
            stored.id = rows.nextID()
            rows.events.append(stored)
        }
    }

    func claimJWTID(issuer: String, jti: String, expires: Timestamp, now: Timestamp) async throws -> Bool {
        try change { rows in
            rows.jwtIDs = rows.jwtIDs.filter { $0.value > now }
            let key = "\(issuer)\u{0}\(jti)"
            guard rows.jwtIDs[key] == nil else { return false }
            rows.jwtIDs[key] = expires
            return true
        }
    }

    func savePublisher(_ publisher: StoredPublisher) async throws {
        try change { $0.publishers[publisher.id] = publisher }
    }

    func deletePublisher(id: String) async throws {
        try change { $0.publishers[id] = nil }
    }

    func reserveName(_ reservation: ReservedName) async throws {
        try change { $0.reservedNames[reservation.normalizedName] = reservation }
    }

    func deleteReservedName(_ normalizedName: String) async throws {
        try change { $0.reservedNames[normalizedName] = nil }
    }

    func changeRole(_ role: Role) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard
                let index = rows.roles.firstIndex(where: { $0.userID == role.userID && $0.projectID == role.projectID })
            else { throw .notFound("role of user \(role.userID)") }
            rows.roles[index].kind = role.kind
        }
    }

    func removeRole(userID: UserID, projectID: ProjectID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.roles.contains(where: { $0.userID == userID && $0.projectID == projectID }) else {
                throw .notFound("role of user \(userID)")
            }
            rows.roles.removeAll { $0.userID == userID && $0.projectID == projectID }
        }
    }

    func saveInvitation(_ invitation: RoleInvitation) async throws {
        try change { rows in
            rows.invitations.removeAll { $0.projectID == invitation.projectID && $0.userID == invitation.userID }
            rows.invitations.append(invitation)
        }
    }

    func deleteInvitation(projectID: ProjectID, userID: UserID) async throws {
        try change { rows in rows.invitations.removeAll { $0.projectID == projectID && $0.userID == userID } }
    }
}
