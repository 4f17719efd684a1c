import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// The webhooks section of a project's manage pages: Owners list, add (the secret shown once),
/// read the log and remove, through CSRF forms; Maintainers are refused.
@Suite struct ManageWebhooksPageTests {
    private func seeded() async throws -> HTTPFixture {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        let owner = try await fixture.createUser("olga")
        let maintainer = try await fixture.createUser("mark")
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        try await fixture.store.write { tx in
            try await tx.addRole(Role(userID: owner.id, projectID: project.id, kind: .owner))
            try await tx.addRole(Role(userID: maintainer.id, projectID: project.id, kind: .maintainer))
        }
        return fixture
    }

    private func application(_ fixture: HTTPFixture) -> some ApplicationProtocol {
        var security = fixture.security
        security.webhookTargets = WebhookTargetPolicy(resolver: FixedResolver(), allowPrivate: false)
        return buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: security)
    }

    @Test func anOwnerAddsSeesTheSecretOnceReadsTheLogAndRemoves() async throws {
        let fixture = try await seeded()
        try await application(fixture).test(.router) { client in
            var browser = Browser(client)
            try await browser.logIn("olga", HTTPFixture.password)
            let manage = try await browser.get("/manage/project/demo/")
            #expect(String(buffer: manage.body).contains("/manage/project/demo/webhooks/"), "linked for Owners")
            let page = try await browser.get("/manage/project/demo/webhooks/")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<label for=\"url\">") && html.contains("<label for=\"event-release.published\">"))
            #expect(!html.contains("<script"), "no JavaScript")

            let refused = try await browser.postWithCSRF(
                "/manage/project/demo/webhooks/add/",
                form: [("url", "http://127.0.0.1/"), ("event-file.uploaded", "on")])
            #expect(refused.status.code == 400)
            #expect(String(buffer: refused.body).contains("webhooks may only target public addresses"))
            #expect(try await fixture.store.webhooks(normalizedName: "demo").isEmpty)

            let added = try await browser.postWithCSRF(
                "/manage/project/demo/webhooks/add/",
                form: [("url", "https://hooks.example.com/in"), ("event-file.uploaded", "on")])
            #expect(added.status == .ok)
            let hooks = try await fixture.store.webhooks(normalizedName: "demo")
            let hook = try #require(hooks.first)
            #expect(hooks.count == 1 && hook.events == [.fileUploaded] && hook.createdBy == "olga")
            #expect(String(buffer: added.body).contains(hook.secret), "the secret is shown once")
            let listed = try await browser.get("/manage/project/demo/webhooks/")
            #expect(String(buffer: listed.body).contains("https://hooks.example.com/in"))
            #expect(!String(buffer: listed.body).contains(hook.secret), "and not again")

            try await fixture.store.recordWebhookDelivery(
                WebhookDelivery(
                    subscriptionID: hook.id, deliveryID: "d-1", event: .fileUploaded, time: fixture.clock.now(),
                    attempt: 1, statusCode: nil, error: "No answer: connection refused", duration: 0.01),
                keeping: 100)
            let log = try await browser.get("/manage/project/demo/webhooks/\(hook.id)/")
            #expect(log.status == .ok)
            #expect(String(buffer: log.body).contains("No answer: connection refused"))

            let withoutToken = try await browser.post(
                "/manage/project/demo/webhooks/remove/", form: [("webhook_id", String(hook.id))])
            #expect(withoutToken.status.code >= 400, "the CSRF token is required")
            #expect(try await fixture.store.webhook(id: hook.id) != nil)
            let removed = try await browser.postWithCSRF(
                "/manage/project/demo/webhooks/remove/", form: [("webhook_id", String(hook.id))])
            #expect((300..<400).contains(removed.status.code), "back to the list")
            #expect(try await fixture.store.webhook(id: hook.id) == nil)
        }
    }

    @Test func aMaintainerIsRefused() async throws {
        let fixture = try await seeded()
        try await application(fixture).test(.router) { client in
            var browser = Browser(client)
            try await browser.logIn("mark", HTTPFixture.password)
            let page = try await browser.get("/manage/project/demo/webhooks/")
            #expect(page.status == .forbidden)
            let add = try await browser.postWithCSRF(
                "/manage/project/demo/webhooks/add/",
                form: [("url", "https://hooks.example.com/in"), ("event-file.uploaded", "on")])
            #expect(add.status == .forbidden)
            #expect(!String(buffer: (try await browser.get("/manage/project/demo/")).body).contains("/webhooks/"))
        }
        #expect(try await fixture.store.webhooks(normalizedName: "demo").isEmpty)
    }
}
