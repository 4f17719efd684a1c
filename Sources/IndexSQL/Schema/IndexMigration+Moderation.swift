import SQLKit

extension IndexMigration {
    /// Moderation: each account's site role, the reports queue and the administrators' audit log.
    static func createModerationTables(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "users").column("site_role", type: .text, .notNull, .default("")).run()
        try await db.create(table: "observations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("project", type: .text, .notNull)
            .column("project_name", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("inspector_url", type: .text, .notNull)
            .column("reporter_id", type: .bigint)
            .column("reporter", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .column("resolution", type: .text)
            .column("resolved_by", type: .text, .notNull)
            .column("resolved", type: Self.real)
            .run()
        try await db.create(index: "observations_project").on("observations").column("project").run()
        try await db.create(index: "observations_resolution").on("observations").column("resolution").run()
        try await db.create(table: "admin_log")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("time", type: Self.real, .notNull)
            .column("actor", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("target", type: .text, .notNull)
            .column("details", type: .text, .notNull)
            .run()
    }
}
