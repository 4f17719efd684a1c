import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// `/org/<name>/`: the organization's name, creation date, members and visible projects; a
/// 404 for an unknown one; cache headers and keys; purges when it changes; the links to it from
/// project and user pages.
@Suite struct OrganizationPageTests {
    /// `Acme-Labs` (Owner olivia, Member mike) holding `rocket` and the quarantined `hidden`.
    static func acme() async throws -> HTTPFixture {
        let fixture = try await HTTPFixture()
        let olivia = try await fixture.createUser("olivia")
        try await fixture.createUser("mike")
        let organizations = fixture.organizations
        _ = try await organizations.create(name: "Acme-Labs", by: olivia)
        try await organizations.setMember(organization: "acme-labs", username: "mike", kind: .member, by: olivia)
        try await fixture.upload("rocket", by: olivia, summary: "Goes <up> fast")
        try await fixture.upload("hidden", by: olivia, summary: "Not to be seen")
        try await organizations.transfer(project: "rocket", to: "acme-labs", by: olivia)
        try await organizations.transfer(project: "hidden", to: "acme-labs", by: olivia)
        _ = try await AdminActions(store: fixture.store, clock: fixture.clock).quarantine(
            project: "hidden", by: .commandLine)
        return fixture
    }

    @Test func pageShowsNameCreationMembersAndVisibleProjects() async throws {
        let fixture = try await Self.acme()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/org/acme-labs/", method: .get)
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains("<h1>Acme-Labs</h1>"))
            #expect(html.contains("created \(fixture.clock.now().iso8601Seconds.prefix(10))"))
            #expect(html.contains("<a href=\"/user/olivia/\">olivia</a></td><td>Owner</td>"))
            #expect(html.contains("<a href=\"/user/mike/\">mike</a></td><td>Member</td>"))
            #expect(html.contains("<a class=\"name\" href=\"/project/rocket/\">rocket</a>"))
            #expect(html.contains("<span class=\"version\">1.0</span>"))
            #expect(html.contains("Goes &lt;up&gt; fast"), "summaries are escaped")
            #expect(html.contains("1 project</h2>"))
            #expect(!html.contains("/project/hidden/"), "a quarantined project is not listed")
            #expect(html.contains("<th scope=\"col\">User</th><th scope=\"col\">Role</th>"))
            #expect(response.headers[.cacheControl] == "max-age=60, public")
            let name = try #require(HTTPField.Name("Surrogate-Key"))
            let keys = Set((response.headers[name] ?? "").split(separator: " "))
            #expect(keys == ["org/acme-labs", "project/rocket", "project/hidden"])
        }
    }

    @Test func unknownOrganizationIs404AndOtherSpellingsRedirect() async throws {
        let fixture = try await Self.acme()
        try await fixture.application.test(.router) { client in
            let missing = try await client.execute(uri: "/org/nobody/", method: .get)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("There is no organization named nobody."))
            #expect(try await client.execute(uri: "/org/-bad-/", method: .get).status == .notFound)
            let other = try await client.execute(uri: "/org/Acme_Labs/", method: .get)
            #expect(other.status == .movedPermanently)
            #expect(other.headers[.location] == "/org/acme-labs/")
            #expect(try await client.execute(uri: "/org/acme-labs/", method: .head).status == .ok)
        }
    }

    @Test func projectAndUserPagesLinkTheOrganization() async throws {
        let fixture = try await Self.acme()
        try await fixture.application.test(.router) { client in
            let project = String(buffer: try await client.execute(uri: "/project/rocket/", method: .get).body)
            #expect(project.contains("<a id=\"organization\" href=\"/org/acme-labs/\">Acme-Labs</a>"))
            let user = String(buffer: try await client.execute(uri: "/user/mike/", method: .get).body)
            #expect(user.contains("<a class=\"name\" href=\"/org/acme-labs/\">Acme-Labs</a>"))
        }
    }

    @Test func memberChangeShowsAtOnceAndPurgesTheOrganizationAndUserPages() async throws {
        let fixture = try await Self.acme()
        try await fixture.createUser("nora")
        try await fixture.purgingApplication.test(.router) { client in
            _ = try await fixture.claimPurges()
            var browser = Browser(client)
            #expect(try await browser.logIn("olivia", HTTPFixture.password).status.code == 303)
            let added = try await browser.postWithCSRF(
                "/manage/organization/acme-labs/members/set/", form: [("username", "nora"), ("role", "Manager")])
            #expect(added.status.code == 303)
            #expect(try await fixture.claimPurges() == [["org/acme-labs", "user/nora"]])
            let page = String(buffer: try await client.execute(uri: "/org/acme-labs/", method: .get).body)
            #expect(page.contains("<a href=\"/user/nora/\">nora</a></td><td>Manager</td>"))
            let refused = try await browser.postWithCSRF(
                "/manage/organization/acme-labs/members/set/", form: [("username", "nobody"), ("role", "Member")])
            #expect(refused.status.code == 404)
            #expect(try await fixture.claimPurges().isEmpty, "a refusal purges nothing")
        }
    }

    @Test func withoutAPurgerNoPurgeIsQueued() async throws {
        let fixture = try await Self.acme()
        try await fixture.createUser("nora")
        _ = try await fixture.claimPurges()
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("olivia", HTTPFixture.password).status.code == 303)
            let added = try await browser.postWithCSRF(
                "/manage/organization/acme-labs/members/set/", form: [("username", "nora"), ("role", "Member")])
            #expect(added.status.code == 303)
        }
        #expect(try await fixture.claimPurges().isEmpty)
    }

    @Test func transferIsAJournalEntryThatPurgesBothOrganizations() async throws {
        let fixture = try await Self.acme()
        let olivia = try #require(try await fixture.store.user(username: "olivia"))
        _ = try await fixture.organizations.create(name: "Beta", by: olivia)
        let purges = PurgeJobs(store: fixture.store, clock: fixture.clock)
        try await purges.follow()
        _ = try await fixture.claimPurges()
        try await fixture.organizations.transfer(project: "rocket", to: "beta", by: olivia)
        let entries = try await fixture.store.journal(after: 0, limit: 1000).suffix(2).map(\.action)
        #expect(entries == ["remove from organization acme-labs", "add to organization beta"])
        #expect(try await purges.follow() == 2)
        let keys = try #require(try await fixture.claimPurges().first)
        #expect(keys.contains("org/acme-labs") && keys.contains("org/beta") && keys.contains("project/rocket"))
        try await fixture.application.test(.router) { client in
            let old = String(buffer: try await client.execute(uri: "/org/acme-labs/", method: .get).body)
            #expect(!old.contains("/project/rocket/"))
            let new = String(buffer: try await client.execute(uri: "/org/beta/", method: .get).body)
            #expect(new.contains("<a class=\"name\" href=\"/project/rocket/\">rocket</a>"))
        }
    }
}
