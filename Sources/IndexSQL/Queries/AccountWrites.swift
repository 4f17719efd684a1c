import IndexCore
import SQLKit

/// The account changes, written once on SQLKit; run inside the store's transaction.
extension IndexWrites {
    func updateUser(_ user: User) async throws {
        try await update("users", id: user.id.rawValue, what: "user \(user.id)") {
            $0.set("username", to: user.username).set("email", to: user.email)
                .set("password_hash", to: user.passwordHash)
                .set("email_verified", to: user.emailVerified ? 1 : 0)
                .set("origin", to: user.origin.rawValue)
                .set("totp_secret", to: user.totpSecret)
                .set("totp_last_counter", to: user.totpLastCounter)
                .set("password_changed", to: user.passwordChanged.secondsSinceEpoch)
                .set("is_frozen", to: user.isFrozen ? 1 : 0)
                .set("site_role", to: user.siteRole.rawValue)
        }
    }

    func saveSession(_ session: WebSession) async throws {
        try await deleteSession(idDigest: session.idDigest)
        try await db.insert(into: "sessions")
            .columns(
                "id_digest", "user_id", "created", "expires", "authenticated", "awaiting_second_factor", "csrf_token"
            )
            .values(
                session.idDigest, session.userID.rawValue, session.created.secondsSinceEpoch,
                session.expires.secondsSinceEpoch, session.authenticated.secondsSinceEpoch,
                session.awaitingSecondFactor ? 1 : 0, session.csrfToken
            )
            .run()
    }

    func deleteSession(idDigest: String) async throws {
        try await db.delete(from: "sessions").where("id_digest", .equal, idDigest).run()
    }

    func deleteSessions(userID: UserID) async throws {
        try await db.delete(from: "sessions").where("user_id", .equal, userID.rawValue).run()
    }

    func replaceRecoveryCodes(userID: UserID, hashes: [String]) async throws {
        try await db.delete(from: "recovery_codes").where("user_id", .equal, userID.rawValue).run()
        for hash in hashes {
            try await db.insert(into: "recovery_codes").columns("user_id", "hash").values(userID.rawValue, hash).run()
        }
    }

    func burnRecoveryCode(id: Int64, at time: Timestamp) async throws -> Bool {
        let burned = try await db.update("recovery_codes").set("burned", to: time.secondsSinceEpoch)
            .where("id", .equal, id).where("burned", .is, SQLLiteral.null).returning("id").all()
        return !burned.isEmpty
    }

    func appendEvent(_ event: SecurityEvent) async throws {
        try await db.insert(into: "events").columns("user_id", "project", "tag", "time", "ip", "details")
            .values(
                event.userID?.rawValue, event.project, event.tag, event.time.secondsSinceEpoch, event.ip,
                try ReleaseMetadataColumns.json(event.details)
            )
            .run()
    }

    func claimJWTID(issuer: String, jti: String, expires: Timestamp, now: Timestamp) async throws -> Bool {
        try await db.delete(from: "jwt_ids").where("expires", .lessThanOrEqual, now.secondsSinceEpoch).run()
        // No error for a taken id: on PostgreSQL a failed statement would end the transaction.
        let claimed = try await db.insert(into: "jwt_ids").columns("issuer", "jti", "expires")
            .values(issuer, jti, expires.secondsSinceEpoch).ignoringConflicts().returning("jti").all()
        return !claimed.isEmpty
    }

    func savePublisher(_ publisher: StoredPublisher) async throws {
        try await deletePublisher(id: publisher.id)
        try await db.insert(into: "trusted_publishers")
            .columns("id", "issuer", "project_id", "pending_project_name", "added_by", "definition", "created")
            .values(
                publisher.id, publisher.issuer, publisher.projectID?.rawValue, publisher.pendingProjectName,
                publisher.addedBy.rawValue, publisher.definition, publisher.created.secondsSinceEpoch
            )
            .run()
    }

    func deletePublisher(id: String) async throws {
        try await db.delete(from: "trusted_publishers").where("id", .equal, id).run()
    }

    func reserveName(_ reservation: ReservedName) async throws {
        try await deleteReservedName(reservation.normalizedName)
        try await db.insert(into: "reserved_names")
            .columns("normalized_name", "reason", "until", "comment", "created", "former_owners")
            .values(
                reservation.normalizedName, reservation.reason.rawValue, reservation.until?.secondsSinceEpoch,
                reservation.comment, reservation.created.secondsSinceEpoch,
                try ReleaseMetadataColumns.json(reservation.formerOwners.map(\.rawValue))
            )
            .run()
    }

    func deleteReservedName(_ normalizedName: String) async throws {
        try await db.delete(from: "reserved_names").where("normalized_name", .equal, normalizedName).run()
    }

    func changeRole(_ role: Role) async throws {
        let changed = try await db.update("roles").set("kind", to: role.kind.rawValue)
            .where("user_id", .equal, role.userID.rawValue).where("project_id", .equal, role.projectID.rawValue)
            .returning("user_id").all()
        guard !changed.isEmpty else { throw IndexStoreError.notFound("role of user \(role.userID)") }
    }

    func removeRole(userID: UserID, projectID: ProjectID) async throws {
        let removed = try await db.delete(from: "roles").where("user_id", .equal, userID.rawValue)
            .where("project_id", .equal, projectID.rawValue).returning("user_id").all()
        guard !removed.isEmpty else { throw IndexStoreError.notFound("role of user \(userID)") }
    }

    func saveInvitation(_ invitation: RoleInvitation) async throws {
        try await deleteInvitation(projectID: invitation.projectID, userID: invitation.userID)
        try await db.insert(into: "role_invitations").columns("project_id", "user_id", "kind", "inviter_id", "expires")
            .values(
                invitation.projectID.rawValue, invitation.userID.rawValue, invitation.kind.rawValue,
                invitation.inviterID.rawValue, invitation.expires.secondsSinceEpoch
            )
            .run()
    }

    func deleteInvitation(projectID: ProjectID, userID: UserID) async throws {
        try await db.delete(from: "role_invitations").where("project_id", .equal, projectID.rawValue)
            .where("user_id", .equal, userID.rawValue).run()
    }
}
