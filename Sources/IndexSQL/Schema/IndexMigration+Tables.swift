import SQLKit

extension IndexMigration {
    /// The tables of DESIGN.md §4: uniqueness lives in the schema, so a race that slips past a
    /// use case's pre-check still ends in a constraint violation.
    static func createTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "projects")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("normalized_name", type: .text, .notNull, .unique)
            .column("ultranormalized_name", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("last_serial", type: .bigint, .notNull, .default(0))
            .column("created", type: Self.real, .notNull)
            .run()
        try await db.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("username", type: .text, .notNull, .unique)
            .column("email", type: .text, .notNull)
            .column("password_hash", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .run()
        try await createReleases(db)
        try await createFiles(db)
        try await db.create(table: "filename_registry")
            .column("filename", type: .text, .primaryKey(autoIncrement: false))
            .run()
        try await db.create(table: "journal")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("normalized_name", type: .text, .notNull)
            .column("project_name", type: .text, .notNull)
            .column("version", type: .text)
            .column("action", type: .text, .notNull)
            .column("time", type: Self.real, .notNull)
            .column("actor", type: .text)
            .run()
        try await db.create(table: "tokens")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("description", type: .text, .notNull)
            .column("secret_digest", type: .text, .notNull)
            .column("projects", type: .text, .notNull)
            .column("expires", type: Self.real)
            .column("created", type: Self.real, .notNull)
            .column("last_used", type: Self.real)
            .run()
        try await db.create(table: "roles")
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("project_id", type: .bigint, .notNull, .references("projects", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .primaryKey("user_id", "project_id")
            .run()
    }

    private static func createReleases(_ db: any SQLDatabase) async throws {
        var table = db.create(table: "releases")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("project_id", type: .bigint, .notNull, .references("projects", "id", onDelete: .cascade))
            .column("version", type: .text, .notNull)
            .column("canonical_version", type: .text, .notNull)
            .column("yanked", type: .smallint, .notNull, .default(0))
            .column("yanked_reason", type: .text, .notNull, .default(""))
            .column("created", type: Self.real, .notNull)
            .column("uploader", type: .bigint, .references("users", "id", onDelete: .setNull))
        for column in ReleaseMetadataColumns.textColumns {
            table = table.column(column, type: .text, column == "metadata_version" ? [.notNull] : [])
        }
        for column in ReleaseMetadataColumns.listColumns {
            table = table.column(column, type: .text, .notNull, .default("[]"))
        }
        try await table.unique("project_id", "canonical_version").run()
    }

    private static func createFiles(_ db: any SQLDatabase) async throws {
        try await db.create(table: "files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("release_id", type: .bigint, .notNull, .references("releases", "id", onDelete: .cascade))
            .column("filename", type: .text, .notNull, .unique)
            .column("package_type", type: .text, .notNull)
            .column("python_version", type: .text, .notNull)
            .column("requires_python", type: .text)
            .column("size", type: .bigint, .notNull)
            .column("md5", type: .text, .notNull, .unique)
            .column("sha256", type: .text, .notNull, .unique)
            .column("blake2b256", type: .text, .notNull, .unique)
            .column("blob_path", type: .text, .notNull, .unique)
            .column("metadata_sha256", type: .text)
            .column("metadata_blake2b256", type: .text)
            .column("upload_time", type: Self.real, .notNull)
            .column("uploader", type: .bigint, .references("users", "id", onDelete: .setNull))
            .run()
    }

    /// Look-ups that are not already unique constraints, and the one-sdist-per-release rule as
    /// a partial unique index.
    static func createIndexes(_ db: any SQLDatabase) async throws {
        try await db.create(index: "projects_ultranormalized_name").on("projects").column("ultranormalized_name").run()
        try await db.create(index: "files_release_id").on("files").column("release_id").run()
        try await db.create(index: "journal_normalized_name").on("journal").column("normalized_name").run()
        try await db.create(index: "roles_project_id").on("roles").column("project_id").run()
        try await db.create(index: "tokens_user_id").on("tokens").column("user_id").run()
        let sdist = db.create(index: "files_one_sdist_per_release").unique().on("files").column("release_id")
        sdist.createIndex.predicate = SQLBinaryExpression(
            SQLColumn("package_type"), .equal, SQLLiteral.string("sdist"))
        try await sdist.run()
    }
}
