import Synchronization

/// Turns the journal into webhook deliveries. Like ``PurgeJobs``, each journal entry is followed
/// once: one write transaction reads the entries after the cursor (the `webhook_serial`
/// setting), enqueues a `webhook` job per (event, subscription that wants it) and moves the
/// cursor past them. The jobs and the cursor commit together, and the write transaction is
/// serialized across nodes (PostgreSQL's advisory lock, SQLite's single writer), so with many
/// nodes each event is enqueued exactly once, and one that is never missed.
public final class WebhookJobs: Sendable {
    /// The kind of webhook jobs in the outbox.
    public static let kind = "webhook"
    /// The setting holding the last journal serial turned into deliveries.
    static let cursor = "webhook_serial"

    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource
    let baseURL: String
    private let followedUpTo = Mutex<Int64>(-1)

    /// Deliveries of `store`'s journal; the payloads link pages under `baseURL`.
    public init(store: any IndexStore, clock: any IndexClock, random: any RandomSource, baseURL: String) {
        self.store = store
        self.clock = clock
        self.random = random
        self.baseURL = baseURL
    }

    /// Enqueues the deliveries of the journal entries not followed yet (at most `limit`
    /// entries); returns how many entries it followed. The first call starts at the newest
    /// serial: what happened before webhooks existed is not announced.
    @discardableResult
    public func follow(limit: Int = 500) async throws -> Int {
        let newest = try await store.maxSerial()
        if newest <= followedUpTo.withLock({ $0 }) { return 0 }
        let (count, cursor) = try await store.write { transaction -> (Int, Int64) in
            guard let stored = try await transaction.setting(Self.cursor), let cursor = Int64(stored) else {
                try await transaction.setSetting(Self.cursor, to: String(newest))
                return (0, newest)
            }
            let entries = try await store.journal(after: cursor, limit: limit)
            guard let last = entries.last else { return (0, cursor) }
            let instanceWide = try await store.webhooks(normalizedName: nil)
            var byProject: [String: [WebhookSubscription]] = [:]
            for occurrence in WebhookEvent.occurrences(in: entries) {
                let name = occurrence.normalizedName
                if byProject[name] == nil {
                    byProject[name] = try await subscriptions(of: name, in: transaction)
                }
                for subscription in instanceWide + (byProject[name] ?? [])
                where subscription.events.contains(occurrence.event) && occurrence.serial > subscription.afterSerial {
                    try await store.enqueue(job(occurrence, for: subscription))
                }
            }
            try await transaction.setSetting(Self.cursor, to: String(last.serial))
            return (entries.count, last.serial)
        }
        followedUpTo.withLock { $0 = max($0, cursor) }
        return count
    }

    /// The project's subscriptions: those of the project now of that name, or, when none is
    /// (the project was deleted), those left by the deleted one, which still hear of its deletion.
    private func subscriptions(of normalizedName: String, in transaction: any IndexWriteTransaction) async throws
        -> [WebhookSubscription]
    {
        let all = try await store.webhooks(normalizedName: normalizedName)
        guard !all.isEmpty else { return [] }
        guard let project = try await transaction.project(normalizedName: normalizedName) else { return all }
        return all.filter { $0.projectID == project.id }
    }

    func job(_ occurrence: WebhookOccurrence, for subscription: WebhookSubscription) -> Job {
        let delivery = random.hex(16)
        let body = occurrence.body(baseURL: baseURL, deliveryID: delivery)
        let payload = WebhookJobPayload(
            subscriptionID: subscription.id, deliveryID: delivery, event: occurrence.event,
            body: String(decoding: body, as: UTF8.self))
        return Job(kind: Self.kind, payload: payload.text, created: clock.now())
    }
}

/// A webhook job's input: the subscription, the delivery id and the event on a line each, then
/// the exact body to send (signed at delivery time with the subscription's current secret, so
/// the secret is never copied into the outbox).
struct WebhookJobPayload: Hashable, Sendable {
    var subscriptionID: Int64
    var deliveryID: String
    var event: WebhookEvent
    var body: String

    init(subscriptionID: Int64, deliveryID: String, event: WebhookEvent, body: String) {
        self.subscriptionID = subscriptionID
        self.deliveryID = deliveryID
        self.event = event
        self.body = body
    }

    var text: String { "\(subscriptionID)\n\(deliveryID)\n\(event.rawValue)\n\(body)" }

    init(parsing text: String) throws {
        let parts = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let id = Int64(parts[0]), let event = WebhookEvent(rawValue: String(parts[2])) else {
            throw JobError("A webhook job's payload is malformed.")
        }
        self.init(subscriptionID: id, deliveryID: String(parts[1]), event: event, body: String(parts[3]))
    }
}
