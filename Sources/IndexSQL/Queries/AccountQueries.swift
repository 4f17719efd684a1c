import IndexCore
import SQLKit

/// The account reads, written once on SQLKit.
extension IndexQueries {
    func user(email: String) async throws -> User? {
        try await db.select().column("*").from("users")
            .where(SQLFunction("lower", args: SQLColumn("email")), .equal, SQLBind(email.lowercased()))
            .orderBy("id").limit(1).first().map(IndexRowDecoding.user)
    }

    func project(id: ProjectID) async throws -> Project? {
        try await db.select().column("*").from("projects").where("id", .equal, id.rawValue).first()
            .map(IndexRowDecoding.project)
    }

    func tokens(userID: UserID) async throws -> [APIToken] {
        try await db.select().column("*").from("tokens").where("user_id", .equal, userID.rawValue)
            .orderBy("created").orderBy("id").all().map(IndexRowDecoding.token)
    }

    func session(idDigest: String) async throws -> WebSession? {
        try await db.select().column("*").from("sessions").where("id_digest", .equal, idDigest).first()
            .map(AccountRowDecoding.session)
    }

    func recoveryCodes(userID: UserID) async throws -> [RecoveryCode] {
        try await db.select().column("*").from("recovery_codes").where("user_id", .equal, userID.rawValue)
            .orderBy("id").all().map(AccountRowDecoding.recoveryCode)
    }

    func events(userID: UserID, limit: Int) async throws -> [SecurityEvent] {
        try await db.select().column("*").from("events").where("user_id", .equal, userID.rawValue)
            .orderBy("id", .descending).limit(max(0, limit)).all().map(AccountRowDecoding.event)
    }

    func events(project normalizedName: String, limit: Int) async throws -> [SecurityEvent] {
        try await db.select().column("*").from("events").where("project", .equal, normalizedName)
            .orderBy("id", .descending).limit(max(0, limit)).all().map(AccountRowDecoding.event)
    }

    func reservedName(_ normalizedName: String) async throws -> ReservedName? {
        try await db.select().column("*").from("reserved_names").where("normalized_name", .equal, normalizedName)
            .first().map(AccountRowDecoding.reservedName)
    }

    func publisher(id: String) async throws -> StoredPublisher? {
        try await db.select().column("*").from("trusted_publishers").where("id", .equal, id).first()
            .map(AccountRowDecoding.publisher)
    }

    func publishers(issuer: String) async throws -> [StoredPublisher] {
        try await db.select().column("*").from("trusted_publishers").where("issuer", .equal, issuer)
            .orderBy("created").orderBy("id").all().map(AccountRowDecoding.publisher)
    }

    func publishers(projectID: ProjectID) async throws -> [StoredPublisher] {
        try await db.select().column("*").from("trusted_publishers").where("project_id", .equal, projectID.rawValue)
            .orderBy("created").orderBy("id").all().map(AccountRowDecoding.publisher)
    }

    func pendingPublishers(addedBy userID: UserID) async throws -> [StoredPublisher] {
        try await db.select().column("*").from("trusted_publishers").where("added_by", .equal, userID.rawValue)
            .where("project_id", .is, SQLLiteral.null).orderBy("created").orderBy("id").all()
            .map(AccountRowDecoding.publisher)
    }

    func roles(userID: UserID) async throws -> [Role] {
        try await db.select().column("*").from("roles").where("user_id", .equal, userID.rawValue)
            .orderBy("project_id").all().map(IndexRowDecoding.role)
    }

    func invitations(userID: UserID) async throws -> [RoleInvitation] {
        try await db.select().column("*").from("role_invitations").where("user_id", .equal, userID.rawValue)
            .orderBy("project_id").all().map(AccountRowDecoding.invitation)
    }

    func invitations(projectID: ProjectID) async throws -> [RoleInvitation] {
        try await db.select().column("*").from("role_invitations").where("project_id", .equal, projectID.rawValue)
            .orderBy("user_id").all().map(AccountRowDecoding.invitation)
    }
}
