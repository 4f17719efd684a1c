/// Webhook subscriptions and their delivery logs (part of ``IndexStore``). Each call is its own
/// statement (inside a ``IndexStore/write(_:)`` body it joins that transaction).
public protocol WebhookStore: Sendable {
    /// Stores a subscription (its `id` is ignored) and returns it with the id given.
    func createWebhook(_ subscription: WebhookSubscription) async throws -> WebhookSubscription

    /// The subscription with id `id`.
    func webhook(id: Int64) async throws -> WebhookSubscription?

    /// The subscriptions made for the project named `normalizedName` (whatever project of that
    /// name: callers compare ``WebhookSubscription/projectID``), or, for `nil`, the
    /// instance-wide ones; ordered by id.
    func webhooks(normalizedName: String?) async throws -> [WebhookSubscription]

    /// Deletes a subscription and its delivery log; a missing one is not an error.
    func deleteWebhook(id: Int64) async throws

    /// Appends to a subscription's delivery log and keeps only its newest `keeping` entries;
    /// nothing is written when the subscription is gone.
    func recordWebhookDelivery(_ delivery: WebhookDelivery, keeping: Int) async throws

    /// A subscription's delivery log, newest first, at most `limit` entries.
    func webhookDeliveries(subscriptionID: Int64, limit: Int) async throws -> [WebhookDelivery]
}
