import SQLKit

/// One versioned step of the index schema, applied once and recorded in `schema_migrations`.
///
/// Steps are written with SQLKit's builders so that every dialect renders them (DESIGN.md §6);
/// a step never changes once released: later changes are new steps.
struct IndexMigration: Sendable {
    /// The step's number; steps run in increasing order.
    let version: Int
    /// What the step does, recorded beside the version.
    let name: String
    /// Runs the step inside the migration's transaction.
    let apply: @Sendable (any SQLDatabase) async throws -> Void

    /// Every step, in order.
    static let all: [IndexMigration] = [
        IndexMigration(
            version: 1, name: "projects, releases, files, journal, users, tokens, roles", apply: createTables),
        IndexMigration(version: 2, name: "indexes", apply: createIndexes),
        IndexMigration(
            version: 3, name: "accounts: sessions, macaroon tokens, 2FA, events, publishers, reserved names",
            apply: createAccountTables),
        IndexMigration(version: 4, name: "organizations and teams", apply: createOrganizationTables),
        IndexMigration(
            version: 5, name: "search documents, full-text index, download counts", apply: createSearchTables),
        IndexMigration(version: 6, name: "settings and the outbox of background jobs", apply: createSharedTables),
        IndexMigration(version: 7, name: "download statistics and ingested logs", apply: createStatisticsTables),
        IndexMigration(
            version: 8, name: "site roles, reports about projects, the administrators' audit log",
            apply: createModerationTables),
        webhooks,
    ]
}

extension IndexMigration {
    /// Times and other fractional numbers: 8-byte floats in every dialect (`REAL` is 4 bytes
    /// on PostgreSQL).
    static let real = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
}
