import IndexCore
import SQLKit

/// Webhook subscriptions in `webhooks`, their delivery logs in `webhook_deliveries` (migration
/// step 9). Like the outbox, these statements do not take the write lock: a delivery being
/// logged never waits for an upload.
extension SQLIndexStore {
    static let webhookColumns = [
        "id", "project_id", "normalized_name", "url", "secret", "events", "created", "created_by", "after_serial",
    ]

    public func createWebhook(_ subscription: WebhookSubscription) async throws -> WebhookSubscription {
        let id = try await queueStatement { db in
            try await db.insert(into: "webhooks")
                .columns(
                    "project_id", "normalized_name", "url", "secret", "events", "created", "created_by", "after_serial"
                )
                .values(
                    SQLBind(subscription.projectID?.rawValue), SQLBind(subscription.normalizedName),
                    SQLBind(subscription.url), SQLBind(subscription.secret), SQLBind(subscription.eventList),
                    SQLBind(subscription.created.secondsSinceEpoch), SQLBind(subscription.createdBy),
                    SQLBind(subscription.afterSerial)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new webhook's id was not returned.") }
        var stored = subscription
        stored.id = id
        return stored
    }

    public func webhook(id: Int64) async throws -> WebhookSubscription? {
        try await read { queries in
            try await queries.db.select().columns(Self.webhookColumns.map { SQLColumn($0) }).from("webhooks")
                .where("id", .equal, id).first().map(Self.subscription)
        }
    }

    public func webhooks(normalizedName: String?) async throws -> [WebhookSubscription] {
        try await read { queries in
            let select = queries.db.select().columns(Self.webhookColumns.map { SQLColumn($0) }).from("webhooks")
            if let normalizedName {
                select.where("normalized_name", .equal, normalizedName)
            } else {
                select.where("normalized_name", .is, SQLLiteral.null)
            }
            return try await select.orderBy("id").all().map(Self.subscription)
        }
    }

    public func deleteWebhook(id: Int64) async throws {
        try await queueStatement { db in
            try await db.delete(from: "webhook_deliveries").where("webhook_id", .equal, id).run()
            try await db.delete(from: "webhooks").where("id", .equal, id).run()
        }
    }

    public func recordWebhookDelivery(_ delivery: WebhookDelivery, keeping: Int) async throws {
        let id = delivery.subscriptionID
        try await queueStatement { db in
            let exists = try await db.select().column("id").from("webhooks").where("id", .equal, id).first()
            guard exists != nil else { return }
            try await db.insert(into: "webhook_deliveries")
                .columns(
                    "webhook_id", "delivery_id", "event", "time", "attempt", "status_code", "error", "duration"
                )
                .values(
                    SQLBind(id), SQLBind(delivery.deliveryID), SQLBind(delivery.event.rawValue),
                    SQLBind(delivery.time.secondsSinceEpoch), SQLBind(Int64(delivery.attempt)),
                    SQLBind(delivery.statusCode.map(Int64.init)),
                    SQLBind(delivery.error.map { String($0.prefix(500)) }),
                    SQLBind(delivery.duration)
                )
                .run()
            try await db.raw(
                """
                DELETE FROM webhook_deliveries WHERE webhook_id = \(bind: id) AND id NOT IN
                (SELECT id FROM webhook_deliveries WHERE webhook_id = \(bind: id) ORDER BY id DESC
                 LIMIT \(bind: Int64(keeping)))
                """
            ).run()
        }
    }

    public func webhookDeliveries(subscriptionID: Int64, limit: Int) async throws -> [WebhookDelivery] {
        try await read { queries in
            try await queries.db.select()
                .columns("delivery_id", "event", "time", "attempt", "status_code", "error", "duration")
                .from("webhook_deliveries").where("webhook_id", .equal, subscriptionID)
                .orderBy("id", .descending).limit(limit).all()
                .map { row in
                    let name = try row.decode(column: "event", as: String.self)
                    guard let event = WebhookEvent(rawValue: name) else {
                        throw IndexStoreError.unavailable("Unknown webhook event \(name) in the database.")
                    }
                    return WebhookDelivery(
                        subscriptionID: subscriptionID,
                        deliveryID: try row.decode(column: "delivery_id", as: String.self),
                        event: event, time: try IndexRowDecoding.timestamp(row, "time"),
                        attempt: try row.decode(column: "attempt", as: Int.self),
                        statusCode: try row.decode(column: "status_code", as: Int?.self),
                        error: try row.decode(column: "error", as: String?.self),
                        duration: try row.decode(column: "duration", as: Double.self))
                }
        }
    }

    static func subscription(_ row: any SQLRow) throws -> WebhookSubscription {
        let events = try row.decode(column: "events", as: String.self)
        return WebhookSubscription(
            id: try row.decode(column: "id", as: Int64.self),
            projectID: try row.decode(column: "project_id", as: Int64?.self).map(ProjectID.init),
            normalizedName: try row.decode(column: "normalized_name", as: String?.self),
            url: try row.decode(column: "url", as: String.self),
            secret: try row.decode(column: "secret", as: String.self),
            events: WebhookEvent.parseList(events) ?? [],
            created: try IndexRowDecoding.timestamp(row, "created"),
            createdBy: try row.decode(column: "created_by", as: String.self),
            afterSerial: try row.decode(column: "after_serial", as: Int64.self))
    }
}
