import SQLKit

extension IndexMigration {
    /// Step 9: webhook subscriptions (a project's, or instance-wide when `project_id` is NULL)
    /// and their bounded delivery logs.
    static let webhooks = IndexMigration(
        version: 9, name: "webhook subscriptions and delivery logs", apply: createWebhookTables)

    static func createWebhookTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "webhooks")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            // The project it was made for; kept after the project is deleted, so the
            // subscription still hears of the deletion, and never matched by a new project of
            // the same name (its id differs).
            .column("project_id", type: .bigint)
            .column("normalized_name", type: .text)
            .column("url", type: .text, .notNull)
            // HMAC key, shown once at creation.
            .column("secret", type: .text, .notNull)
            // Event names, comma-separated.
            .column("events", type: .text, .notNull)
            .column("created", type: Self.real, .notNull)
            .column("created_by", type: .text, .notNull)
            // The journal serial when it was made: only later entries are delivered.
            .column("after_serial", type: .bigint, .notNull, .default(0))
            .run()
        try await db.create(index: "webhooks_by_project").on("webhooks").column("normalized_name").run()
        try await db.create(table: "webhook_deliveries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("webhook_id", type: .bigint, .notNull)
            .column("delivery_id", type: .text, .notNull)
            .column("event", type: .text, .notNull)
            .column("time", type: Self.real, .notNull)
            .column("attempt", type: .bigint, .notNull)
            .column("status_code", type: .bigint)
            .column("error", type: .text)
            .column("duration", type: Self.real, .notNull)
            .run()
        try await db.create(index: "webhook_deliveries_by_webhook").on("webhook_deliveries")
            .column("webhook_id").column("id").run()
    }
}
