import SQLKit

/// Applies the ``IndexMigration`` steps a database lacks, each with its record in
/// `schema_migrations`, in one transaction; running it again changes nothing.
struct IndexMigrator: Sendable {
    /// The statement that opens a write transaction in this dialect.
    let begin: String

    /// Applies the missing steps of `migrations` on `db` and returns their versions.
    @discardableResult
    func migrate(_ db: any SQLDatabase, _ migrations: [IndexMigration] = IndexMigration.all) async throws -> [Int] {
        try await db.create(table: "schema_migrations").ifNotExists()
            .column("version", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .run()
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let done = Set(
                try await db.select().column("version").from("schema_migrations").all()
                    .map { try $0.decode(column: "version", as: Int.self) })
            let missing = migrations.filter { !done.contains($0.version) }.sorted { $0.version < $1.version }
            for migration in missing {
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations").columns("version", "name")
                    .values(migration.version, migration.name).run()
            }
            try await db.raw("COMMIT").run()
            return missing.map(\.version)
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// The versions recorded in `schema_migrations`, in order.
    static func appliedVersions(_ db: any SQLDatabase) async throws -> [Int] {
        try await db.select().column("version").from("schema_migrations").orderBy("version").all()
            .map { try $0.decode(column: "version", as: Int.self) }
    }
}
