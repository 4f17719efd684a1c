import IndexCore

/// Webhook subscriptions and delivery logs in memory.
struct InMemoryWebhooks: Sendable {
    var subscriptions: [Int64: WebhookSubscription] = [:]
    var deliveries: [WebhookDelivery] = []
    var lastID: Int64 = 0
}

extension InMemoryIndexStore {
    public func createWebhook(_ subscription: WebhookSubscription) async throws -> WebhookSubscription {
        hooks.withLock { hooks in
            hooks.lastID += 1
            var stored = subscription
            stored.id = hooks.lastID
            hooks.subscriptions[stored.id] = stored
            return stored
        }
    }

    public func webhook(id: Int64) async throws -> WebhookSubscription? {
        hooks.withLock { $0.subscriptions[id] }
    }

    public func webhooks(normalizedName: String?) async throws -> [WebhookSubscription] {
        hooks.withLock { hooks in
            hooks.subscriptions.values.filter { $0.normalizedName == normalizedName }.sorted { $0.id < $1.id }
        }
    }

    public func deleteWebhook(id: Int64) async throws {
        hooks.withLock { hooks in
            hooks.subscriptions[id] = nil
            hooks.deliveries.removeAll { $0.subscriptionID == id }
        }
    }

    public func recordWebhookDelivery(_ delivery: WebhookDelivery, keeping: Int) async throws {
        hooks.withLock { hooks in
            guard hooks.subscriptions[delivery.subscriptionID] != nil else { return }
            hooks.deliveries.append(delivery)
            let mine = hooks.deliveries.indices.filter {
                hooks.deliveries[$0].subscriptionID == delivery.subscriptionID
            }
            if mine.count > keeping {
                let dropped = Set(mine.prefix(mine.count - keeping))
                hooks.deliveries = hooks.deliveries.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
            }
        }
    }

    public func webhookDeliveries(subscriptionID: Int64, limit: Int) async throws -> [WebhookDelivery] {
        hooks.withLock { hooks in
            Array(hooks.deliveries.filter { $0.subscriptionID == subscriptionID }.reversed().prefix(limit))
        }
    }
}
