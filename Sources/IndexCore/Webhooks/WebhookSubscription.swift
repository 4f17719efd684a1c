/// A webhook subscription: where to POST which events, signed with a secret the server made.
public struct WebhookSubscription: Hashable, Sendable {
    /// Its id (the store's).
    public var id: Int64
    /// The project it belongs to; `nil` for an instance-wide subscription (every project).
    public var projectID: ProjectID?
    /// The project's normalized name when it was made (`nil` when instance-wide).
    public var normalizedName: String?
    /// The target, an `http` or `https` URL.
    public var url: String
    /// The HMAC-SHA256 key of the signatures (hex of 32 random bytes), shown once at creation.
    public var secret: String
    /// The events it wants.
    public var events: Set<WebhookEvent>
    public var created: Timestamp
    /// The username (or, from the CLI, the operator) that made it.
    public var createdBy: String
    /// The newest journal serial when it was made: it hears only of later entries.
    public var afterSerial: Int64

    /// A subscription.
    public init(
        id: Int64, projectID: ProjectID?, normalizedName: String?, url: String, secret: String,
        events: Set<WebhookEvent>, created: Timestamp, createdBy: String, afterSerial: Int64 = 0
    ) {
        self.id = id
        self.projectID = projectID
        self.normalizedName = normalizedName
        self.url = url
        self.secret = secret
        self.events = events
        self.created = created
        self.createdBy = createdBy
        self.afterSerial = afterSerial
    }

    /// The events as stored and shown: names in ``WebhookEvent`` order, comma-separated.
    public var eventList: String { events.sorted().map(\.rawValue).joined(separator: ",") }
}

/// One attempt to deliver an event to a subscription, for the delivery log.
public struct WebhookDelivery: Hashable, Sendable {
    public var subscriptionID: Int64
    /// The delivery's id (the same on every attempt, sent as `X-Cheeseshop-Delivery`).
    public var deliveryID: String
    public var event: WebhookEvent
    /// When the attempt began.
    public var time: Timestamp
    /// 1 for the first attempt.
    public var attempt: Int
    /// The answer's status code, `nil` when none came.
    public var statusCode: Int?
    /// Why the attempt failed (connection refused, timeout, refused target), `nil` on success.
    public var error: String?
    /// How long the attempt took, in seconds.
    public var duration: Double

    /// Whether the target took the delivery (a 2xx answer).
    public var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }

    /// A delivery attempt.
    public init(
        subscriptionID: Int64, deliveryID: String, event: WebhookEvent, time: Timestamp, attempt: Int,
        statusCode: Int?, error: String?, duration: Double
    ) {
        self.subscriptionID = subscriptionID
        self.deliveryID = deliveryID
        self.event = event
        self.time = time
        self.attempt = attempt
        self.statusCode = statusCode
        self.error = error
        self.duration = duration
    }
}
