import SQLKit

extension IndexMigration {
    /// What the nodes of one deployment share beyond the index: named settings (the server
    /// secret) and the outbox of background jobs, claimed by one node each.
    static func createSharedTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "settings")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .text, .notNull)
            .run()
        try await db.create(table: "outbox")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("payload", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .column("not_before", type: Self.real)
            .column("claimed_until", type: Self.real)
            .column("attempts", type: .bigint, .notNull, .default(0))
            .column("last_error", type: .text)
            .run()
        // `not_before` NULL: given up, kept for the operator.
        try await db.create(index: "outbox_due").on("outbox").column("not_before").run()
    }
}
