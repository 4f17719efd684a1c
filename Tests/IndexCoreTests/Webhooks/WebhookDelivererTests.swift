import IndexTesting
import Synchronization
import Testing

@testable import IndexCore

/// A webhook target that records what it was sent and answers from a script (a status, or
/// `nil`: no answer).
final class ScriptedTarget: WebhookSending {
    struct Sent: Sendable {
        var target: WebhookTarget
        var addresses: [IPAddress]
        var headers: [String: String]
        var body: [UInt8]
    }

    let sent = Mutex<[Sent]>([])
    let script = Mutex<[Int?]>([])

    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    func post(
        _ target: WebhookTarget, addresses: [IPAddress], headers: [String: String], body: [UInt8], timeout: Double
    ) async throws -> Int {
        sent.withLock { $0.append(Sent(target: target, addresses: addresses, headers: headers, body: body)) }
        let next = script.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
        guard let next else { throw Refused() }
        return next
    }
}

@Suite struct WebhookDelivererTests {
    static let resolver = TableResolver(table: ["hooks.example.com": ["93.184.216.34"]])

    @Test func signaturesAreGitHubsHMACSHA256() {
        // RFC 4231 test case 2, and GitHub's documented example.
        #expect(
            WebhookDeliverer.signature(body: Array("what do ya want for nothing?".utf8), secret: "Jefe")
                == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            WebhookDeliverer.signature(body: Array("Hello, World!".utf8), secret: "It's a Secret to Everybody")
                == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    /// A store with project `demo` (alice Owner) and a subscription of it to `events`.
    static func subscribed(
        _ events: Set<WebhookEvent>, url: String = "https://hooks.example.com/in"
    ) async throws -> (InMemoryIndexStore, FixedClock, WebhookSubscription, WebhookJobs) {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let alice = try await store.write { tx in
            let user = try await tx.createUser(
                username: "alice", email: "a@example.org", passwordHash: "", created: clock.now())
            let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: clock.now())
            try await tx.addRole(Role(userID: user.id, projectID: project.id, kind: .owner))
            return user
        }
        let manage = ManageWebhooks(
            store: store, clock: clock, random: SeededRandom(seed: 9),
            targets: WebhookTargetPolicy(resolver: resolver, allowPrivate: false))
        let made = try await manage.add(project: "Demo", url: url, events: events, by: alice)
        let jobs = WebhookJobs(
            store: store, clock: clock, random: SeededRandom(seed: 3), baseURL: "https://index.example")
        try await jobs.follow()
        return (store, clock, made, jobs)
    }

    static func append(_ store: some IndexStore, _ action: String, version: String? = "1.0") async throws {
        _ = try await store.write { tx in
            try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: version, action: action,
                time: Timestamp(secondsSinceEpoch: 1_767_225_600), actor: "alice")
        }
    }

    @Test func aDeliveryIsSignedAndLoggedAndOnlyWantedEventsAreSent() async throws {
        let (store, clock, made, jobs) = try await Self.subscribed([.releasePublished, .fileUploaded])
        try await Self.append(store, "new release")
        try await Self.append(store, "add py3 file demo-1.0-py3-none-any.whl")
        try await Self.append(store, "yank release")
        #expect(try await jobs.follow() == 3)
        let target = ScriptedTarget()
        let deliverer = WebhookDeliverer(
            store: store, clock: clock, sender: target,
            targets: WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false))
        let runner = JobRunner(queue: store, clock: clock, handlers: [WebhookJobs.kind: deliverer.handler])
        #expect(try await runner.runDueJobs() == 2, "the yank is not wanted")
        let sent = target.sent.withLock { $0 }
        #expect(sent.map { $0.headers["X-Cheeseshop-Event"] } == ["release.published", "file.uploaded"])
        for request in sent {
            #expect(request.headers["Content-Type"] == "application/json")
            #expect(
                request.headers["X-Cheeseshop-Signature-256"]
                    == WebhookDeliverer.signature(body: request.body, secret: made.secret))
            #expect(request.addresses == [IPAddress("93.184.216.34")], "the checked address")
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(body.contains(#""delivery":"\#(request.headers["X-Cheeseshop-Delivery"] ?? "?")""#))
        }
        #expect(String(decoding: sent[0].body, as: UTF8.self).contains(#""filename":"demo-1.0-py3-none-any.whl""#))
        let log = try await store.webhookDeliveries(subscriptionID: made.id, limit: 10)
        #expect(log.map(\.event) == [.fileUploaded, .releasePublished])
        #expect(log.allSatisfy { $0.statusCode == 200 && $0.error == nil && $0.attempt == 1 && $0.succeeded })
        #expect(try await store.pendingJobs() == 0)
    }

    @Test func aFailedDeliveryIsRetriedOnTheWebhookScheduleThenGivenUp() async throws {
        let (store, clock, made, jobs) = try await Self.subscribed([.releaseYanked])
        try await Self.append(store, "yank release")
        try await jobs.follow()
        let target = ScriptedTarget()
        target.script.withLock { $0 = [nil, 500, 200] }
        let deliverer = WebhookDeliverer(
            store: store, clock: clock, sender: target,
            targets: WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false))
        var runner = JobRunner(queue: store, clock: clock, handlers: [WebhookJobs.kind: deliverer.handler])
        runner.retryPolicies[WebhookJobs.kind] = RetryPolicy(first: 2, maximum: 5, maximumAttempts: 3)
        #expect(try await runner.runDueJobs() == 1)
        #expect(try await runner.runDueJobs() == 0, "not due before its backoff")
        clock.advance(by: 2)
        #expect(try await runner.runDueJobs() == 1, "due 2 s later")
        clock.advance(by: 3.9)
        #expect(try await runner.runDueJobs() == 0, "the backoff doubles")
        clock.advance(by: 0.1)
        #expect(try await runner.runDueJobs() == 1)
        let log = try await store.webhookDeliveries(subscriptionID: made.id, limit: 10)
        #expect(log.map(\.attempt) == [3, 2, 1])
        #expect(log.map(\.statusCode) == [200, 500, nil])
        #expect(log[2].error?.contains("connection refused") == true)
        #expect(log[1].error == "The target answered 500.")
        #expect(Set(log.map(\.deliveryID)).count == 1, "one delivery, three attempts")
        #expect(try await store.pendingJobs() == 0)

        // Always failing: given up after the policy's attempts.
        try await Self.append(store, "yank release")
        try await jobs.follow()
        target.script.withLock { $0 = [503, 503, 503, 200] }
        for _ in 0..<5 {
            _ = try await runner.runDueJobs()
            clock.advance(by: 10)
        }
        #expect(try await store.pendingJobs() == 0, "given up, not waiting")
        #expect(target.script.withLock { $0 } == [200], "three attempts, no fourth")
    }

    @Test func theTargetIsCheckedAgainAtDeliveryTime() async throws {
        let (store, clock, made, jobs) = try await Self.subscribed([.releaseYanked])
        try await Self.append(store, "yank release")
        try await jobs.follow()
        let target = ScriptedTarget()
        // The name now resolves to the cloud metadata address (DNS rebinding).
        let rebound = TableResolver(table: ["hooks.example.com": ["169.254.169.254"]])
        let deliverer = WebhookDeliverer(
            store: store, clock: clock, sender: target,
            targets: WebhookTargetPolicy(resolver: rebound, allowPrivate: false))
        let runner = JobRunner(queue: store, clock: clock, handlers: [WebhookJobs.kind: deliverer.handler])
        #expect(try await runner.runDueJobs() == 1)
        #expect(target.sent.withLock { $0.isEmpty }, "nothing sent")
        let log = try await store.webhookDeliveries(subscriptionID: made.id, limit: 10)
        #expect(log.first?.statusCode == nil)
        #expect(log.first?.error?.contains("a link-local address") == true)
    }

    @Test func aSubscriptionHearsOnlyOfWhatHappensAfterItIsMade() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let jobs = WebhookJobs(store: store, clock: clock, random: SeededRandom(seed: 3), baseURL: "https://x")
        try await jobs.follow()
        let alice = try await store.write { tx in
            let user = try await tx.createUser(
                username: "alice", email: "a@example.org", passwordHash: "", created: clock.now())
            let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: clock.now())
            try await tx.addRole(Role(userID: user.id, projectID: project.id, kind: .owner))
            return user
        }
        // Journalled before the subscription, followed after it (the loop runs each second).
        try await Self.append(store, "yank release")
        let manage = ManageWebhooks(
            store: store, clock: clock, random: SeededRandom(seed: 9),
            targets: WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false))
        let made = try await manage.add(
            project: "demo", url: "https://hooks.example.com/", events: [.releaseYanked], by: alice)
        #expect(made.afterSerial == 1)
        try await Self.append(store, "yank release")
        #expect(try await jobs.follow() == 2)
        #expect(try await store.pendingJobs() == 1, "only the later yank")
    }

    @Test func aRemovedSubscriptionsPendingDeliveriesAreDropped() async throws {
        let (store, clock, made, jobs) = try await Self.subscribed([.releaseYanked])
        try await Self.append(store, "yank release")
        try await jobs.follow()
        try await store.deleteWebhook(id: made.id)
        let target = ScriptedTarget()
        let deliverer = WebhookDeliverer(
            store: store, clock: clock, sender: target,
            targets: WebhookTargetPolicy(resolver: Self.resolver, allowPrivate: false))
        let runner = JobRunner(queue: store, clock: clock, handlers: [WebhookJobs.kind: deliverer.handler])
        #expect(try await runner.runDueJobs() == 1)
        #expect(target.sent.withLock { $0.isEmpty })
        #expect(try await store.pendingJobs() == 0)
    }

    @Test func aDeletedProjectsSubscriptionsHearOfTheDeletionButNotOfANewProjectOfTheName() async throws {
        let (store, clock, made, jobs) = try await Self.subscribed(Set(WebhookEvent.allCases))
        let project = try #require(try await store.project(normalizedName: "demo"))
        _ = try await store.write { tx in
            try await tx.deleteProject(id: project.id)
            return try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: nil, action: "remove project", time: clock.now(),
                actor: "alice")
        }
        try await jobs.follow()
        _ = try await store.write { tx in
            _ = try await tx.createProject(name: "Demo", normalizedName: "demo", created: clock.now())
        }
        try await Self.append(store, "new release")
        try await jobs.follow()
        var events: [String] = []
        while let job = try await store.claim(now: clock.now(), lease: 60) {
            let payload = try WebhookJobPayload(parsing: job.job.payload)
            #expect(payload.subscriptionID == made.id)
            events.append(payload.event.rawValue)
            try await store.complete(job.id)
        }
        #expect(events == ["project.deleted"])
    }
}
