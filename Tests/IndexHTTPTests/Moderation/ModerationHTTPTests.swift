import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// The observation API, the administrators' API and pages, the report form, the instance flags.
@Suite struct ModerationHTTPTests {
    /// `demo` uploaded by alice; dave an observer, mod a moderator, root an administrator, each
    /// with a token; carol with no role.
    private func seeded() async throws -> (HTTPFixture, tokens: [String: String]) {
        let fixture = try await HTTPFixture()
        try await fixture.uploadDemoWheel()
        var tokens = ["alice": fixture.token.text]
        for (name, role) in [("dave", SiteRole.observer), ("mod", .moderator), ("root", .administrator)] {
            var user = try await fixture.createUser(name)
            user.siteRole = role
            try await fixture.store.write { [user] tx in try await tx.updateUser(user) }
            tokens[name] = try await fixture.mintToken(for: user).text
        }
        try await fixture.createUser("carol")
        return (fixture, tokens)
    }

    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: String = ""
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    private func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))) as? [String: Any] ?? [:]
    }

    @Test func observersReportThroughTheDangerAPI() async throws {
        let (fixture, tokens) = try await seeded()
        let path = "/danger-api/projects/Demo/observations"
        let good =
            #"{"kind": "is_malware", "summary": "exfiltrates ~/.pypirc", "inspector_url": "https://example.org/x"}"#
        try await fixture.application.test(.router) { client in
            let refusals: [(String?, String, UInt, String)] = [
                (nil, good, 403, "Invalid or non-existent authentication information."),
                (tokens["alice"], good, 403, "The user 'alice' isn't allowed to submit observations."),
                (tokens["dave"], #"{"kind": "is_bad", "summary": "x"}"#, 400, "Invalid observation kind 'is_bad'"),
                (tokens["dave"], #"{"kind": "is_spam", "summary": ""}"#, 400, "Give a summary of what you observed."),
                (tokens["dave"], "not json", 400, "The body must be a JSON object."),
            ]
            for (token, body, status, message) in refusals {
                let response = try await call(client, .post, path, token: token, json: body)
                #expect(response.status.code == status, "\(body)")
                #expect(String(buffer: response.body).hasPrefix(message), "\(String(buffer: response.body))")
            }
            let unknown = try await call(
                client, .post, "/danger-api/projects/nothing/observations", token: tokens["dave"], json: good)
            #expect(unknown.status.code == 404)
            #expect(try await fixture.store.observations(open: nil, limit: 10).isEmpty, "nothing stored")
            let accepted = try await call(client, .post, path, token: tokens["dave"], json: good)
            #expect(accepted.status.code == 202)
            #expect(accepted.headers[.contentType] == "application/vnd.pypi.api-v0-danger+json")
            #expect(json(accepted) as? [String: String] == ["project": "demo", "thanks": "for the observation"])
            let stored = try await fixture.store.observations(open: true, limit: 10)
            #expect(stored.map(\.summary) == ["exfiltrates ~/.pypirc"] && stored[0].reporter == "dave")
            let echo = try await call(client, .get, "/danger-api/echo", token: tokens["dave"])
            #expect(json(echo) as? [String: String] == ["username": "dave"])
            // The queue, for moderators only.
            #expect(try await call(client, .get, "/api/admin/reports", token: tokens["dave"]).status.code == 403)
            let queue = try await call(client, .get, "/api/admin/reports?status=open", token: tokens["mod"])
            let reports = json(queue)["reports"] as? [[String: Any]] ?? []
            #expect(reports.count == 1 && reports.first?["kind"] as? String == "is_malware")
            #expect(
                try await call(client, .get, "/api/admin/reports?status=x", token: tokens["mod"]).status.code == 400)
            let id = stored[0].id
            let resolve = "/api/admin/reports/\(id)/resolve"
            #expect(
                try await call(client, .post, resolve, token: tokens["mod"], json: #"{"resolution": "maybe"}"#)
                    .status.code == 400)
            #expect(
                try await call(client, .post, resolve, token: tokens["mod"], json: #"{"resolution": "dismissed"}"#)
                    .status.code == 200)
            #expect(
                try await call(client, .post, resolve, token: tokens["mod"], json: #"{"resolution": "dismissed"}"#)
                    .status.code == 409)
        }
    }

    @Test func administratorsActThroughTheAPIAndRefusalsChangeNothing() async throws {
        let (fixture, tokens) = try await seeded()
        let flag = "/api/admin/flags/disallow-new-upload"
        try await fixture.application.test(.router) { client in
            // A moderator cannot set flags; an unknown flag or value is refused.
            for (token, path, body, status) in [
                ("mod", flag, #"{"value": "on"}"#, 403), ("alice", flag, #"{"value": "on"}"#, 403),
                ("root", "/api/admin/flags/no-such-flag", #"{"value": "on"}"#, 404),
                ("root", flag, #"{"value": "maybe"}"#, 400),
            ] {
                #expect(
                    try await call(client, .put, path, token: tokens[token], json: body).status.code == status,
                    "\(path)")
            }
            #expect(try await fixture.store.adminLog(limit: 10).isEmpty, "nothing done, nothing logged")
            #expect(
                try await call(client, .put, flag, token: tokens["root"], json: #"{"value": "on"}"#).status.code == 200)
            let refused = try await HTTPFixture.upload(
                client, authorization: HTTPFixture.tokenAuth(fixture.token.text),
                body: HTTPFixture.wheelBody(version: "2.0"))
            #expect(refused.status.code == 403)
            #expect(
                refused.status.reasonPhrase
                    == "New uploads are temporarily disabled. See /help/#admin-intervention for more information.")
            let flags = json(try await call(client, .get, "/api/admin/flags", token: tokens["mod"]))
            #expect((flags["flags"] as? [String: Bool])?["disallow-new-upload"] == true)
            #expect(
                try await call(client, .put, flag, token: tokens["root"], json: #"{"value": "off"}"#).status.code == 200
            )
            #expect(
                try await HTTPFixture.upload(
                    client, authorization: HTTPFixture.tokenAuth(fixture.token.text),
                    body: HTTPFixture.wheelBody(version: "2.0")
                ).status.code == 200)

            // Quarantine by a moderator: gone for installers, refused twice, released.
            let base = "/api/admin/projects/demo"
            #expect(try await call(client, .post, "\(base)/quarantine", token: tokens["alice"]).status.code == 403)
            let quarantined = try await call(
                client, .post, "\(base)/quarantine", token: tokens["mod"], json: #"{"reason": "report 1"}"#)
            #expect(quarantined.status.code == 200 && json(quarantined)["serial"] != nil)
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 404)
            #expect(try await client.execute(uri: "/pypi/demo/json", method: .get).status.code == 404)
            #expect(try await client.execute(uri: "/project/demo/", method: .get).status.code == 404)
            #expect(try await call(client, .post, "\(base)/quarantine", token: tokens["mod"]).status.code == 409)
            #expect(try await call(client, .post, "\(base)/release", token: tokens["mod"]).status.code == 200)
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 200)

            // Accounts.
            let users = "/api/admin/users"
            #expect(try await call(client, .post, "\(users)/carol/freeze", token: tokens["mod"]).status.code == 403)
            #expect(try await call(client, .post, "\(users)/carol/freeze", token: tokens["root"]).status.code == 200)
            #expect(try await fixture.store.user(username: "carol")?.isFrozen == true)
            #expect(try await call(client, .post, "\(users)/carol/freeze", token: tokens["root"]).status.code == 409)
            #expect(try await call(client, .post, "\(users)/nobody/freeze", token: tokens["root"]).status.code == 404)
            #expect(
                try await call(client, .put, "\(users)/carol/role", token: tokens["root"], json: #"{"role": "god"}"#)
                    .status.code == 400)
            #expect(
                try await call(
                    client, .put, "\(users)/carol/role", token: tokens["root"], json: #"{"role": "moderator"}"#
                )
                .status.code == 200)
            #expect(try await fixture.store.user(username: "carol")?.siteRole == .moderator)
            #expect(
                try await call(client, .put, "\(users)/root/role", token: tokens["root"], json: #"{"role": "none"}"#)
                    .status.code == 403, "nobody changes their own role")

            // Names and transfer and deletion.
            #expect(
                try await call(client, .post, "/api/admin/names/Evil/prohibit", token: tokens["root"]).status.code
                    == 200)
            #expect(try await fixture.store.reservedName("evil")?.reason == .prohibited)
            #expect(
                try await call(client, .post, "\(base)/transfer", token: tokens["root"], json: #"{"username": "dave"}"#)
                    .status.code == 200)
            #expect(try await call(client, .delete, base, token: tokens["mod"]).status.code == 403)
            #expect(try await call(client, .delete, base, token: tokens["root"]).status.code == 200)
            #expect(try await fixture.store.project(normalizedName: "demo") == nil)

            // A token limited to projects never acts on the whole index.
            let root = try #require(try await fixture.store.user(username: "root"))
            let scoped = try await TokenMinter(store: fixture.store, clock: fixture.clock, random: fixture.random).mint(
                userID: root.id, description: "scoped", projects: ["demo"], expires: nil, event: nil)
            #expect(try await call(client, .get, "/api/admin/log", token: scoped.text).status.code == 403)

            let log = json(try await call(client, .get, "/api/admin/log?limit=100", token: tokens["mod"]))
            let actions = (log["log"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(
                actions.reversed() == [
                    "flag:set", "flag:set", "project:quarantine", "project:release", "user:freeze", "user:role",
                    "name:prohibit", "project:transfer", "project:delete",
                ])
        }
    }

    @Test func aReportFromThePageIsQuarantinedFromTheQueueAndTheOwnerStillSeesTheProject() async throws {
        let (fixture, _) = try await seeded()
        try await fixture.application.test(.router) { client in
            let page = try await client.execute(uri: "/project/demo/", method: .get)
            #expect(String(buffer: page.body).contains("href=\"/project/demo/submit-malware-report/\""))
            var carol = Browser(client)
            let anonymous = try await carol.get("/project/demo/submit-malware-report/")
            #expect(anonymous.status.code == 303, "signed-out visitors are sent to log in")
            try await carol.logIn("carol", HTTPFixture.password)
            let form = try await carol.get("/project/demo/submit-malware-report/")
            #expect(form.status.code == 200 && String(buffer: form.body).contains("<label for=\"report-summary\">"))
            let german = String(
                buffer: try await carol.get("/project/demo/submit-malware-report/", headers: [.acceptLanguage: "de"])
                    .body)
            #expect(german.contains("<html lang=\"de\"") && german.contains("Meldung absenden"), "the form in German")
            let forged = try await carol.post(
                "/project/demo/submit-malware-report/",
                form: [("csrf_token", "wrong"), ("kind", "is_malware"), ("summary", "x")])
            #expect(forged.status.code == 403)
            #expect(try await fixture.store.observations(open: nil, limit: 10).isEmpty)
            let filed = try await carol.post(
                "/project/demo/submit-malware-report/",
                form: [
                    ("csrf_token", Page.field("csrf_token", in: form) ?? ""), ("kind", "is_malware"),
                    ("summary", "runs a miner on import"), ("inspector_url", ""),
                ])
            #expect(filed.status.code == 200 && Page.element("report-filed", in: filed) != nil)
            let report = try #require(try await fixture.store.observations(open: true, limit: 10).first)
            #expect(report.reporter == "carol" && report.summary == "runs a miner on import")
            #expect(try await carol.get("/admin/").status.code == 403, "no role, no admin pages")

            var mod = Browser(client)
            try await mod.logIn("mod", HTTPFixture.password)
            let queue = try await mod.get("/admin/reports/")
            #expect(String(buffer: queue.body).contains("runs a miner on import"))
            let action = try await mod.postWithCSRF("/admin/reports/\(report.id)/quarantine/")
            #expect(action.status.code == 303)
            #expect(try await fixture.store.project(normalizedName: "demo")?.status == .quarantined)
            #expect(try await fixture.store.observation(id: report.id)?.resolution == .actioned)
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 404)
            let admin = try await mod.get("/admin/project/demo/")
            #expect(Page.element("project-status", in: admin) == "quarantined")

            var alice = Browser(client)
            try await fixture.store.write { tx in
                let hash = try fixture.security.hasher.hash(HTTPFixture.password)
                var user = try #require(try await tx.user(id: UserID(1)))
                user.passwordHash = hash
                try await tx.updateUser(user)
            }
            try await alice.logIn("alice", HTTPFixture.password)
            let owner = try await alice.get("/manage/project/demo/")
            #expect(owner.status.code == 200)
            #expect(Page.element("project-status", in: owner) == "quarantined")
            #expect(Page.element("quarantine-notice", in: owner)?.contains("quarantined") == true)
            let released = try await mod.postWithCSRF("/admin/project/demo/release/")
            #expect(released.status.code == 303)
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 200)
            // A moderator cannot freeze accounts; the page says why and nothing changes.
            let refused = try await mod.postWithCSRF("/admin/user/carol/freeze/")
            #expect(refused.status.code == 403)
            #expect(try await fixture.store.user(username: "carol")?.isFrozen == false)
            let log = try await mod.get("/admin/log/")
            #expect(String(buffer: log.body).contains("project:quarantine"))
        }
    }

    @Test func registrationCanBeTurnedOff() async throws {
        let fixture = try await HTTPFixture()
        try await AdminActions(store: fixture.store, clock: fixture.clock)
            .setFlag(.disallowRegistration, on: true, by: .commandLine)
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get("/account/register/")
            let response = try await browser.post(
                "/account/register/",
                form: [
                    ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("username", "newbie"),
                    ("email", "newbie@example.org"), ("password", HTTPFixture.password),
                ])
            #expect(response.status.code == 403)
            #expect(String(buffer: response.body).contains("New user registration temporarily disabled."))
            #expect(try await fixture.store.user(username: "newbie") == nil)
        }
    }

    @Test func administratorsManageInstanceWideWebhooks() async throws {
        let (fixture, tokens) = try await seeded()
        var security = fixture.security
        security.webhookTargets = WebhookTargetPolicy(resolver: FixedResolver(), allowPrivate: false)
        let application = buildApplication(
            configuration: IndexServerConfiguration(
                baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20)),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: security)
        let good = #"{"url": "https://hooks.example.com/all", "events": "all"}"#
        try await application.test(.router) { client in
            for (token, body, status) in [
                ("mod", good, 403), ("alice", good, 403),
                ("root", #"{"url": "https://inside.example.com/x", "events": "all"}"#, 400),
                ("root", #"{"url": "https://hooks.example.com/x", "events": "nothing"}"#, 400),
            ] {
                let response = try await call(client, .post, "/api/admin/webhooks", token: tokens[token], json: body)
                #expect(response.status.code == status, "\(token) \(body)")
            }
            #expect(try await fixture.store.webhooks(normalizedName: nil).isEmpty, "refusals changed nothing")
            #expect(try await fixture.store.adminLog(limit: 10).isEmpty)
            let made = try await call(client, .post, "/api/admin/webhooks", token: tokens["root"], json: good)
            #expect(made.status.code == 201)
            let id = try #require(json(made)["id"] as? Int)
            #expect((json(made)["secret"] as? String)?.isEmpty == false, "the secret is shown once")
            let list = json(try await call(client, .get, "/api/admin/webhooks", token: tokens["root"]))
            let hooks = list["webhooks"] as? [[String: Any]] ?? []
            #expect(
                hooks.count == 1 && hooks[0]["secret"] == nil
                    && hooks[0]["url"] as? String == "https://hooks.example.com/all")
            #expect(try await call(client, .get, "/api/admin/webhooks", token: tokens["mod"]).status.code == 403)
            let log = try await call(client, .get, "/api/admin/webhooks/\(id)/deliveries", token: tokens["root"])
            #expect(log.status.code == 200 && (json(log)["deliveries"] as? [Any])?.isEmpty == true)
            #expect(
                try await call(client, .delete, "/api/admin/webhooks/\(id)", token: tokens["mod"]).status.code == 403)
            #expect(
                try await call(client, .delete, "/api/admin/webhooks/\(id)", token: tokens["root"]).status.code == 200)
            #expect(
                try await call(client, .delete, "/api/admin/webhooks/\(id)", token: tokens["root"]).status.code == 404)
            #expect(try await fixture.store.webhooks(normalizedName: nil).isEmpty)
            let actions = try await fixture.store.adminLog(limit: 10).map(\.action)
            #expect(actions == ["webhook:remove", "webhook:add"])
        }
    }
}
