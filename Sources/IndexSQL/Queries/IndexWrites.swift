import IndexCore
import PythonPackaging
import SQLKit

/// The index's changes, written once on SQLKit; run inside a transaction that the store opened.
///
/// Uniqueness is checked twice: by a query first, where the contract fixes which rule is
/// reported when several break, and by the schema's constraints, whose violations are mapped
/// to the same ``IndexStoreConflict``.
struct IndexWrites: Sendable {
    /// The reads, on the transaction's connection.
    let queries: IndexQueries
    /// The `table.column` list of a unique violation (dialect-specific), `nil` for other errors.
    let uniqueViolation: @Sendable (any Error) -> String?

    var db: any SQLDatabase { queries.db }

    /// Runs `body`; any unique violation becomes `conflict`.
    func mapping<T>(to conflict: IndexStoreConflict, _ body: () async throws -> T) async throws -> T {
        try await mapping(byColumns: [("", conflict)], body)
    }

    /// Runs `body`; a unique violation becomes the conflict of the first entry of `table` whose
    /// `table.column` text occurs in the violation's column list (an empty text matches any).
    /// On PostgreSQL `body` runs under a savepoint, so that the transaction outlives a conflict
    /// its caller catches, as it does on SQLite.
    func mapping<T>(
        byColumns table: [(String, IndexStoreConflict)], _ body: () async throws -> T
    ) async throws -> T {
        let savepoint = queries.isPostgres
        do {
            if savepoint { try await db.raw("SAVEPOINT constraint_check").run() }
            let result = try await body()
            if savepoint { try await db.raw("RELEASE SAVEPOINT constraint_check").run() }
            return result
        } catch {
            if savepoint { try await db.raw("ROLLBACK TO SAVEPOINT constraint_check").run() }
            if let columns = uniqueViolation(error),
                let mapped = table.first(where: { $0.0.isEmpty || columns.contains($0.0) })?.1
            {
                throw IndexStoreError.conflict(mapped)
            }
            throw error
        }
    }

    func createProject(name: String, normalizedName: String, created: Timestamp) async throws -> Project {
        let id = try await mapping(to: .projectName(normalizedName)) {
            try await db.insert(into: "projects")
                .columns("name", "normalized_name", "ultranormalized_name", "status", "last_serial", "created")
                .values(
                    name, normalizedName, ProjectName(name).ultranormalized, ProjectStatus.active.rawValue, Int64(0),
                    created.secondsSinceEpoch
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new project has no id.") }
        return Project(id: ProjectID(id), name: name, normalizedName: normalizedName, created: created)
    }

    func setStatus(_ status: ProjectStatus, projectID: ProjectID) async throws {
        try await update("projects", id: projectID.rawValue, what: "project \(projectID)") {
            $0.set("status", to: status.rawValue)
        }
    }

    func createUser(username: String, email: String, passwordHash: String, created: Timestamp) async throws -> User {
        let id = try await mapping(to: .username(username)) {
            try await db.insert(into: "users").columns(
                "username", "email", "password_hash", "created", "password_changed"
            )
            .values(username, email, passwordHash, created.secondsSinceEpoch, created.secondsSinceEpoch)
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new user has no id.") }
        return User(id: UserID(id), username: username, email: email, passwordHash: passwordHash, created: created)
    }

    func createToken(_ token: APIToken) async throws {
        if let userID = token.userID, try await queries.user(id: userID) == nil {
            throw IndexStoreError.notFound("user \(userID)")
        }
        try await mapping(to: .token(token.id.rawValue)) {
            try await db.insert(into: "tokens")
                .columns(
                    "id", "user_id", "publisher_id", "description", "root_key", "projects", "expires", "created",
                    "last_used"
                )
                .values(
                    token.id.rawValue, token.userID?.rawValue, token.publisherID, token.description, token.rootKey,
                    try ReleaseMetadataColumns.json(token.projects), token.expires?.secondsSinceEpoch,
                    token.created.secondsSinceEpoch, token.lastUsed?.secondsSinceEpoch
                )
                .run()
        }
    }

    func recordTokenUse(id: TokenID, at time: Timestamp) async throws {
        let found = try await db.update("tokens").set("last_used", to: time.secondsSinceEpoch)
            .where("id", .equal, id.rawValue).returning("id").all()
        guard !found.isEmpty else { throw IndexStoreError.notFound("token \(id)") }
    }

    func deleteToken(id: TokenID) async throws {
        try await db.delete(from: "tokens").where("id", .equal, id.rawValue).run()
    }

    func addRole(_ role: Role) async throws {
        guard try await exists("projects", role.projectID.rawValue) else {
            throw IndexStoreError.notFound("project \(role.projectID)")
        }
        guard try await queries.user(id: role.userID) != nil else {
            throw IndexStoreError.notFound("user \(role.userID)")
        }
        try await mapping(to: .role) {
            try await db.insert(into: "roles").columns("user_id", "project_id", "kind")
                .values(role.userID.rawValue, role.projectID.rawValue, role.kind.rawValue).run()
        }
    }

    /// Whether `table` has a row with id `id`.
    func exists(_ table: String, _ id: Int64) async throws -> Bool {
        try await db.select().column("id").from(table).where("id", .equal, id).first() != nil
    }

    /// Updates the row `id` of `table`; throws ``IndexStoreError/notFound(_:)`` naming `what`
    /// when there is none.
    func update(
        _ table: String, id: Int64, what: String, _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        let found = try await set(db.update(table)).where("id", .equal, id).returning("id").all()
        guard !found.isEmpty else { throw IndexStoreError.notFound(what) }
    }

    /// Deletes the row `id` of `table`; throws ``IndexStoreError/notFound(_:)`` when there is none.
    func delete(from table: String, id: Int64, what: String) async throws {
        let found = try await db.delete(from: table).where("id", .equal, id).returning("id").all()
        guard !found.isEmpty else { throw IndexStoreError.notFound(what) }
    }
}
