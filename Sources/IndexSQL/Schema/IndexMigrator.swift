import IndexCore
import SQLKit

/// Applies the ``IndexMigration`` steps a database lacks, each with its record in
/// `schema_migrations`, in one write transaction (so that nodes starting together on one
/// PostgreSQL database migrate one at a time); running it again changes nothing.
struct IndexMigrator: Sendable {
    /// The statements that open a write transaction in this dialect.
    let begin: [String]

    /// Applies the missing steps of `migrations` on `db` and returns their versions. With
    /// `apply` false nothing is applied and a missing step is an error. A database that
    /// records a step this program does not know (written by a newer version) is refused.
    @discardableResult
    func migrate(_ db: any SQLDatabase, _ migrations: [IndexMigration] = IndexMigration.all, apply: Bool = true)
        async throws -> [Int]
    {
        for statement in begin {
            try await db.raw(SQLQueryString(statement)).run()
        }
        do {
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .run()
            let done = Set(try await Self.appliedVersions(db))
            let known = Set(migrations.map(\.version))
            if let newer = done.subtracting(known).max() {
                throw IndexStoreError.unavailable(
                    "The database's schema is at version \(newer), newer than this program knows "
                        + "(\(known.max() ?? 0)); run a newer cheeseshop.")
            }
            let missing = migrations.filter { !done.contains($0.version) }.sorted { $0.version < $1.version }
            if !apply, let first = missing.first {
                throw IndexStoreError.unavailable(
                    "The database lacks schema step \(first.version) (\(first.name)); run `cheeseshop migrate`.")
            }
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
