import SQLKit

extension IndexMigration {
    /// Issue 4: account security. Users gain e-mail verification, origin, TOTP and freezing;
    /// tokens become macaroon root keys (the old digest tokens are dropped: they cannot be
    /// turned into macaroons); sessions, recovery codes, security events, JWT ids, trusted
    /// publishers, reserved names and role invitations get tables.
    static func createAccountTables(_ db: any SQLDatabase) async throws {
        try await addUserColumns(db)
        try await db.drop(table: "tokens").run()
        try await db.create(table: "tokens")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .references("users", "id", onDelete: .cascade))
            .column("publisher_id", type: .text)
            .column("description", type: .text, .notNull)
            .column("root_key", type: .text, .notNull)
            .column("projects", type: .text, .notNull)
            .column("expires", type: Self.real)
            .column("created", type: Self.real, .notNull)
            .column("last_used", type: Self.real)
            .run()
        try await db.create(index: "tokens_user_id").on("tokens").column("user_id").run()
        try await db.create(table: "sessions")
            .column("id_digest", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created", type: Self.real, .notNull)
            .column("expires", type: Self.real, .notNull)
            .column("authenticated", type: Self.real, .notNull)
            .column("awaiting_second_factor", type: .int, .notNull)
            .column("csrf_token", type: .text, .notNull)
            .run()
        try await db.create(index: "sessions_user_id").on("sessions").column("user_id").run()
        try await db.create(table: "recovery_codes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("hash", type: .text, .notNull)
            .column("burned", type: Self.real)
            .run()
        try await db.create(index: "recovery_codes_user_id").on("recovery_codes").column("user_id").run()
        try await createEventAndPublisherTables(db)
    }

    private static func addUserColumns(_ db: any SQLDatabase) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let columns: [(String, SQLDataType, [SQLColumnConstraintAlgorithm])] = [
            ("email_verified", .int, [.notNull, .default(0)]),
            ("origin", .text, [.notNull, .default("administrator")]),
            ("totp_secret", .text, []),
            ("totp_last_counter", .bigint, []),
            ("password_changed", Self.real, [.notNull, .default(0)]),
            ("is_frozen", .int, [.notNull, .default(0)]),
        ]
        for (name, type, constraints) in columns {
            try await db.alter(table: "users").column(name, type: type, constraints).run()
        }
    }

    private static func createEventAndPublisherTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint)
            .column("project", type: .text)
            .column("tag", type: .text, .notNull)
            .column("time", type: Self.real, .notNull)
            .column("ip", type: .text, .notNull)
            .column("details", type: .text, .notNull)
            .run()
        try await db.create(index: "events_user_id").on("events").column("user_id").run()
        try await db.create(index: "events_project").on("events").column("project").run()
        try await db.create(table: "jwt_ids")
            .column("issuer", type: .text, .notNull)
            .column("jti", type: .text, .notNull)
            .column("expires", type: Self.real, .notNull)
            .primaryKey("issuer", "jti")
            .run()
        try await db.create(table: "trusted_publishers")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("issuer", type: .text, .notNull)
            .column("project_id", type: .bigint, .references("projects", "id", onDelete: .cascade))
            .column("pending_project_name", type: .text)
            .column("added_by", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("definition", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .run()
        try await db.create(index: "trusted_publishers_issuer").on("trusted_publishers").column("issuer").run()
        try await db.create(table: "reserved_names")
            .column("normalized_name", type: .text, .primaryKey(autoIncrement: false))
            .column("reason", type: .text, .notNull)
            .column("until", type: Self.real)
            .column("comment", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .column("former_owners", type: .text, .notNull)
            .run()
        try await db.create(table: "role_invitations")
            .column("project_id", type: .bigint, .notNull, .references("projects", "id", onDelete: .cascade))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .column("inviter_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("expires", type: Self.real, .notNull)
            .primaryKey("project_id", "user_id")
            .run()
        try await db.create(index: "roles_user_id").on("roles").column("user_id").run()
    }
}
