import Crypto

/// Sends one webhook request (AsyncHTTPClient in production, a fake in tests).
public protocol WebhookSending: Sendable {
    /// POSTs `body` with `headers` to `target`, connecting only to one of `addresses` (the
    /// ones the SSRF guard checked), within `timeout` seconds; returns the status code. Throws
    /// when no answer came (connection refused, timeout).
    func post(
        _ target: WebhookTarget, addresses: [IPAddress], headers: [String: String], body: [UInt8], timeout: Double
    ) async throws -> Int
}

/// Runs `webhook` jobs: checks the target again (the SSRF guard at delivery time), signs the
/// exact body, POSTs it, logs the attempt in the subscription's delivery log, and throws on a
/// non-2xx answer or no answer, so the ``JobRunner`` retries it with the webhook backoff.
public struct WebhookDeliverer: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let sender: any WebhookSending
    let targets: WebhookTargetPolicy
    /// The longest a delivery may take, in seconds.
    public var timeout: Double = 10

    /// A deliverer sending with `sender` to targets `targets` accepts.
    public init(store: any IndexStore, clock: any IndexClock, sender: any WebhookSending, targets: WebhookTargetPolicy)
    {
        self.store = store
        self.clock = clock
        self.sender = sender
        self.targets = targets
    }

    /// The `webhook` job handler.
    public var handler: JobRunner.Handler {
        { job in try await deliver(WebhookJobPayload(parsing: job.payload)) }
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` under the subscription secret's UTF-8 bytes
    /// (the `X-Cheeseshop-Signature-256` header, GitHub's form).
    public static func signature(body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        let digits = Array("0123456789abcdef")
        return "sha256=" + String(code.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    func deliver(_ payload: WebhookJobPayload) async throws {
        // A subscription removed since: its pending deliveries are dropped.
        guard let subscription = try await store.webhook(id: payload.subscriptionID) else { return }
        let earlier = try await store.webhookDeliveries(subscriptionID: subscription.id, limit: ManageWebhooks.logSize)
        let attempt = earlier.filter { $0.deliveryID == payload.deliveryID }.count + 1
        let body = Array(payload.body.utf8)
        let headers = [
            "Content-Type": "application/json",
            "User-Agent": "Cheeseshop-Webhooks/1",
            "X-Cheeseshop-Event": payload.event.rawValue,
            "X-Cheeseshop-Delivery": payload.deliveryID,
            "X-Cheeseshop-Hook-ID": String(subscription.id),
            "X-Cheeseshop-Signature-256": Self.signature(body: body, secret: subscription.secret),
        ]
        let start = clock.now()
        func record(_ status: Int?, _ error: String?) async throws {
            try await store.recordWebhookDelivery(
                WebhookDelivery(
                    subscriptionID: subscription.id, deliveryID: payload.deliveryID, event: payload.event, time: start,
                    attempt: attempt, statusCode: status, error: error,
                    duration: max(0, clock.now().secondsSinceEpoch - start.secondsSinceEpoch)),
                keeping: ManageWebhooks.logSize)
        }
        let status: Int
        do {
            let (target, addresses) = try await targets.check(subscription.url)
            status = try await sender.post(target, addresses: addresses, headers: headers, body: body, timeout: timeout)
        } catch let error as ManageError {
            try await record(nil, error.message)
            throw JobError(error.message)
        } catch {
            let message = "No answer: \(error)"
            try await record(nil, String(message.prefix(500)))
            throw JobError(message)
        }
        guard (200..<300).contains(status) else {
            try await record(status, "The target answered \(status).")
            throw JobError("The webhook target answered \(status).")
        }
        try await record(status, nil)
    }
}
