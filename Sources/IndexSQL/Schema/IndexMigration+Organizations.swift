import SQLKit

extension IndexMigration {
    /// Organizations with member roles, the projects they own, teams, team members and the
    /// teams' project roles.
    static func createOrganizationTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "organizations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("normalized_name", type: .text, .notNull, .unique)
            .column("created", type: Self.real, .notNull)
            .run()
        try await db.create(table: "organization_roles")
            .column("organization_id", type: .bigint, .notNull, .references("organizations", "id", onDelete: .cascade))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .primaryKey("organization_id", "user_id")
            .run()
        try await db.create(table: "organization_projects")
            .column(
                "project_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("projects", "id", onDelete: .cascade)
            )
            .column("organization_id", type: .bigint, .notNull, .references("organizations", "id", onDelete: .cascade))
            .run()
        try await db.create(table: "teams")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("organization_id", type: .bigint, .notNull, .references("organizations", "id", onDelete: .cascade))
            .column("name", type: .text, .notNull)
            .unique("organization_id", "name")
            .run()
        try await db.create(table: "team_members")
            .column("team_id", type: .bigint, .notNull, .references("teams", "id", onDelete: .cascade))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .primaryKey("team_id", "user_id")
            .run()
        try await db.create(table: "team_project_roles")
            .column("team_id", type: .bigint, .notNull, .references("teams", "id", onDelete: .cascade))
            .column("project_id", type: .bigint, .notNull, .references("projects", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .primaryKey("team_id", "project_id")
            .run()
        try await db.create(index: "team_project_roles_project_id").on("team_project_roles").column("project_id").run()
    }
}
