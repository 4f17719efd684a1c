import PythonPackaging

/// Webhook subscriptions: a project's, managed by its Owners, and the instance-wide ones,
/// managed by the operator (the CLI; no role is asked there).
public struct ManageWebhooks: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let random: any RandomSource
    let targets: WebhookTargetPolicy

    /// How many delivery attempts each subscription's log keeps.
    public static let logSize = 100

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock, random: any RandomSource, targets: WebhookTargetPolicy) {
        self.store = store
        self.clock = clock
        self.random = random
        self.targets = targets
    }

    /// Subscribes `url` to `events` of the project; returns the subscription with its secret,
    /// which is shown this once.
    public func add(project name: String, url: String, events: Set<WebhookEvent>, by actor: User) async throws
        -> WebhookSubscription
    {
        let project = try await owned(name, by: actor, action: "manage webhooks")
        return try await create(
            projectID: project.id, normalizedName: project.normalizedName, url: url, events: events, by: actor.username)
    }

    /// The project's subscriptions.
    public func list(project name: String, by actor: User) async throws -> [WebhookSubscription] {
        let project = try await owned(name, by: actor, action: "see webhooks")
        return try await store.webhooks(normalizedName: project.normalizedName).filter { $0.projectID == project.id }
    }

    /// Removes one of the project's subscriptions.
    public func remove(project name: String, id: Int64, by actor: User) async throws {
        let project = try await owned(name, by: actor, action: "manage webhooks")
        _ = try await subscription(id, of: project)
        try await store.deleteWebhook(id: id)
    }

    /// One of the project's subscriptions with its delivery log, newest first.
    public func deliveries(project name: String, id: Int64, by actor: User) async throws
        -> (WebhookSubscription, [WebhookDelivery])
    {
        let project = try await owned(name, by: actor, action: "see webhooks")
        let subscription = try await subscription(id, of: project)
        return (subscription, try await store.webhookDeliveries(subscriptionID: id, limit: Self.logSize))
    }

    /// Subscribes `url` to `events` of every project (the operator's CLI).
    public func addInstanceWide(url: String, events: Set<WebhookEvent>, by operatorName: String) async throws
        -> WebhookSubscription
    {
        try await create(projectID: nil, normalizedName: nil, url: url, events: events, by: operatorName)
    }

    /// The instance-wide subscriptions.
    public func listInstanceWide() async throws -> [WebhookSubscription] {
        try await store.webhooks(normalizedName: nil)
    }

    /// Removes an instance-wide subscription.
    public func removeInstanceWide(id: Int64) async throws {
        guard let found = try await store.webhook(id: id), found.projectID == nil else { throw Self.notFound(id) }
        try await store.deleteWebhook(id: id)
    }

    /// An instance-wide subscription's delivery log, newest first.
    public func instanceWideDeliveries(id: Int64) async throws -> [WebhookDelivery] {
        guard let found = try await store.webhook(id: id), found.projectID == nil else { throw Self.notFound(id) }
        return try await store.webhookDeliveries(subscriptionID: id, limit: Self.logSize)
    }

    private func create(
        projectID: ProjectID?, normalizedName: String?, url: String, events: Set<WebhookEvent>, by creator: String
    ) async throws -> WebhookSubscription {
        guard !events.isEmpty else {
            throw ManageError(
                .invalid,
                "Choose at least one event: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        _ = try await targets.check(url)
        return try await store.createWebhook(
            WebhookSubscription(
                id: 0, projectID: projectID, normalizedName: normalizedName, url: url, secret: random.hex(32),
                events: events, created: clock.now(), createdBy: creator, afterSerial: try await store.maxSerial()))
    }

    private func owned(_ name: String, by actor: User, action: String) async throws -> Project {
        try await ManagedProject.load(name, store: store, actor: actor, allowed: [.owner], action: action).project
    }

    private func subscription(_ id: Int64, of project: Project) async throws -> WebhookSubscription {
        guard let found = try await store.webhook(id: id), found.projectID == project.id else {
            throw Self.notFound(id)
        }
        return found
    }

    static func notFound(_ id: Int64) -> ManageError {
        ManageError(.notFound, "Webhook \(id) does not exist.")
    }
}
