import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Testing

@testable import IndexHTTP

/// A resolver answering from a table.
struct FixedResolver: HostResolving {
    func addresses(host: String, port: Int) async throws -> [IPAddress] {
        switch host {
        case "hooks.example.com": return [IPAddress("93.184.216.34")].compactMap { $0 }
        case "inside.example.com": return [IPAddress("10.0.0.9")].compactMap { $0 }
        default: throw ManageError(.notFound, "unknown host")
        }
    }
}

/// The webhook management API: Owners add, list, remove and read the delivery log; everyone
/// else is refused and a refusal changes nothing.
@Suite struct WebhookAPITests {
    /// The fixture with `demo 1.0` uploaded by alice (Owner), bob a Maintainer, carol without a
    /// role, and their tokens.
    private func seeded() async throws -> (HTTPFixture, bob: String, carol: String) {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        let (store, clock) = (fixture.store, fixture.clock)
        let minter = TokenMinter(store: store, clock: clock, random: fixture.random)
        let project = try #require(try await store.project(normalizedName: "demo"))
        let (bob, carol) = try await store.write { tx in
            let bob = try await tx.createVerifiedUser(username: "bob", email: "b@example.org", created: clock.now())
            let carol = try await tx.createVerifiedUser(username: "carol", email: "c@example.org", created: clock.now())
            try await tx.addRole(Role(userID: bob.id, projectID: project.id, kind: .maintainer))
            return (bob, carol)
        }
        let bobToken = try await minter.mint(userID: bob.id, description: "b", projects: [], expires: nil, event: nil)
        let carolToken = try await minter.mint(
            userID: carol.id, description: "c", projects: [], expires: nil, event: nil)
        return (fixture, bobToken.text, carolToken.text)
    }

    private func application(_ fixture: HTTPFixture, allowPrivate: Bool = false) -> some ApplicationProtocol {
        var security = fixture.security
        security.webhookTargets = WebhookTargetPolicy(resolver: FixedResolver(), allowPrivate: allowPrivate)
        return buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: security)
    }

    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: String = ""
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = HTTPFixture.basic("__token__", token) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    private func object(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(String(buffer: response.body).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func anOwnerAddsListsReadsTheLogAndRemoves() async throws {
        let (fixture, _, _) = try await seeded()
        try await application(fixture).test(.router) { client in
            let added = try await call(
                client, .post, "/api/projects/Demo/webhooks", token: fixture.token.text,
                json: #"{"url": "https://hooks.example.com/in", "events": ["release.published", "file.uploaded"]}"#)
            #expect(added.status.code == 201)
            let made = try object(added)
            let secret = try #require(made["secret"] as? String)
            #expect(secret.count == 64 && secret.allSatisfy(\.isHexDigit))
            let id = try #require(made["id"] as? Int)
            #expect(made["events"] as? [String] == ["release.published", "file.uploaded"])

            let list = try await call(client, .get, "/api/projects/demo/webhooks", token: fixture.token.text)
            #expect(list.status.code == 200)
            #expect(!String(buffer: list.body).contains(secret), "the secret is shown once")
            let hooks = try #require(try object(list)["webhooks"] as? [[String: Any]])
            #expect(hooks.count == 1 && hooks[0]["url"] as? String == "https://hooks.example.com/in")
            #expect(hooks[0]["created_by"] as? String == "alice")

            try await fixture.store.recordWebhookDelivery(
                WebhookDelivery(
                    subscriptionID: Int64(id), deliveryID: "d1", event: .fileUploaded, time: fixture.clock.now(),
                    attempt: 2, statusCode: 502, error: "The target answered 502.", duration: 0.5),
                keeping: 100)
            let log = try await call(
                client, .get, "/api/projects/demo/webhooks/\(id)/deliveries", token: fixture.token.text)
            #expect(log.status.code == 200)
            let deliveries = try #require(try object(log)["deliveries"] as? [[String: Any]])
            #expect(deliveries.count == 1)
            #expect(deliveries.first?["status"] as? Int == 502 && deliveries.first?["attempt"] as? Int == 2)
            #expect(deliveries.first?["succeeded"] as? Bool == false)

            let removed = try await call(
                client, .delete, "/api/projects/demo/webhooks/\(id)", token: fixture.token.text)
            #expect(removed.status.code == 200)
            #expect(try await fixture.store.webhooks(normalizedName: "demo").isEmpty)
            let again = try await call(client, .delete, "/api/projects/demo/webhooks/\(id)", token: fixture.token.text)
            #expect(again.status.code == 404)
        }
    }

    @Test func refusalsChangeNothing() async throws {
        let (fixture, bob, carol) = try await seeded()
        let good = #"{"url": "https://hooks.example.com/in", "events": ["release.yanked"]}"#
        let cases: [(String, String?, String, Int, String)] = [
            ("/api/projects/demo/webhooks", nil, good, 403, "Invalid or non-existent authentication"),
            ("/api/projects/demo/webhooks", bob, good, 403, "The user 'bob' isn't allowed to manage webhooks"),
            ("/api/projects/demo/webhooks", carol, good, 403, "The user 'carol' isn't allowed"),
            ("/api/projects/demo/webhooks", fixture.scopedToken.text, good, 403, "isn't allowed to manage project"),
            ("/api/projects/nothing/webhooks", fixture.token.text, good, 404, "Project 'nothing' does not exist."),
            (
                "/api/projects/demo/webhooks", fixture.token.text,
                #"{"url": "ftp://hooks.example.com/", "events": "all"}"#,
                400, "only http and https are allowed"
            ),
            (
                "/api/projects/demo/webhooks", fixture.token.text, #"{"url": "not a url", "events": "all"}"#, 400,
                "The webhook URL is not acceptable"
            ),
            (
                "/api/projects/demo/webhooks", fixture.token.text,
                #"{"url": "http://127.0.0.1:9000/", "events": "all"}"#,
                400, "resolves to 127.0.0.1, a loopback address; webhooks may only target public addresses"
            ),
            (
                "/api/projects/demo/webhooks", fixture.token.text,
                #"{"url": "http://inside.example.com/", "events": "all"}"#, 400, "10.0.0.9, a private address"
            ),
            (
                "/api/projects/demo/webhooks", fixture.token.text,
                #"{"url": "http://[::ffff:169.254.169.254]/", "events": "all"}"#, 400, "a link-local address"
            ),
            (
                "/api/projects/demo/webhooks", fixture.token.text,
                #"{"url": "https://hooks.example.com/", "events": ["nope"]}"#, 400, "Give the events to send"
            ),
            ("/api/projects/demo/webhooks", fixture.token.text, "[]", 400, "The body must be a JSON object"),
        ]
        try await application(fixture).test(.router) { client in
            for (uri, token, json, status, message) in cases {
                let response = try await call(client, .post, uri, token: token, json: json)
                #expect(response.status.code == status, "\(uri) \(json)")
                #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
            }
            for (token, status) in [(bob, 403), (carol, 403)] {
                let list = try await call(client, .get, "/api/projects/demo/webhooks", token: token)
                #expect(list.status.code == status)
            }
        }
        #expect(try await fixture.store.webhooks(normalizedName: "demo").isEmpty, "nothing was made")
        #expect(try await fixture.store.webhooks(normalizedName: nil).isEmpty)
    }

    @Test func anotherProjectsWebhookIsNotFoundAndAMaintainerCannotRemoveOne() async throws {
        let (fixture, bob, _) = try await seeded()
        let made = try await fixture.store.createWebhook(
            WebhookSubscription(
                id: 0, projectID: ProjectID(999), normalizedName: "elsewhere", url: "https://hooks.example.com/",
                secret: "x", events: [.fileUploaded], created: fixture.clock.now(), createdBy: "zed"))
        let demo = try await fixture.store.project(normalizedName: "demo")
        let ownHook = try await fixture.store.createWebhook(
            WebhookSubscription(
                id: 0, projectID: demo?.id, normalizedName: "demo",
                url: "https://hooks.example.com/", secret: "y", events: [.fileUploaded], created: fixture.clock.now(),
                createdBy: "alice"))
        try await application(fixture).test(.router) { client in
            for uri in [
                "/api/projects/demo/webhooks/\(made.id)/deliveries", "/api/projects/demo/webhooks/abc/deliveries",
            ] {
                let response = try await call(client, .get, uri, token: fixture.token.text)
                #expect(response.status.code == 404, "\(uri)")
            }
            let removed = try await call(
                client, .delete, "/api/projects/demo/webhooks/\(made.id)", token: fixture.token.text)
            #expect(removed.status.code == 404)
            let byMaintainer = try await call(client, .delete, "/api/projects/demo/webhooks/\(ownHook.id)", token: bob)
            #expect(byMaintainer.status.code == 403)
        }
        #expect(try await fixture.store.webhook(id: made.id) != nil)
        #expect(try await fixture.store.webhook(id: ownHook.id) != nil)
    }

    @Test func aLoopbackTargetIsAcceptedWhenPrivateTargetsAreAllowed() async throws {
        let (fixture, _, _) = try await seeded()
        try await application(fixture, allowPrivate: true).test(.router) { client in
            let added = try await call(
                client, .post, "/api/projects/demo/webhooks", token: fixture.token.text,
                json: #"{"url": "http://127.0.0.1:9000/hook", "events": "all"}"#)
            #expect(added.status.code == 201)
        }
        #expect(try await fixture.store.webhooks(normalizedName: "demo").count == 1)
    }

    @Test func anUploadAndAYankThroughTheAPIBecomeDeliveries() async throws {
        let fixture = try await HTTPFixture()
        let jobs = WebhookJobs(
            store: fixture.store, clock: fixture.clock, random: fixture.random, baseURL: "https://index.example")
        try await jobs.follow()
        _ = try await fixture.store.createWebhook(
            WebhookSubscription(
                id: 0, projectID: nil, normalizedName: nil, url: "https://hooks.example.com/", secret: "s",
                events: Set(WebhookEvent.allCases), created: fixture.clock.now(), createdBy: "operator"))
        try await fixture.uploadDemoWheel()
        try await application(fixture).test(.router) { client in
            let yank = try await call(client, .post, "/api/projects/demo/releases/1.0/yank", token: fixture.token.text)
            #expect(yank.status.code == 200)
        }
        try await jobs.follow()
        var events: [String] = []
        var bodies: [String] = []
        while let job = try await fixture.store.claim(now: fixture.clock.now(), lease: 60) {
            guard job.job.kind == WebhookJobs.kind else { continue }
            let lines = job.job.payload.split(separator: "\n", maxSplits: 3).map(String.init)
            events.append(lines[2])
            bodies.append(lines[3])
            try await fixture.store.complete(job.id)
        }
        #expect(events == ["release.published", "file.uploaded", "release.yanked"])
        #expect(bodies[0].contains(#""release_url":"https://index.example/project/demo/1.0/""#))
        #expect(bodies[0].contains(#""filename":"demo-1.0-py3-none-any.whl""#), "\(bodies[0])")
    }
}
