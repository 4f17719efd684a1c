import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// The organization manage pages: every action through the pages succeeds for whom the use
/// case allows, and each refusal answers the use case's message with its status and changes
/// nothing; a POST without the session's CSRF token is refused.
@Suite struct ManageOrganizationPagesTests {
    /// `acme`: Owner olivia, Manager manny, Member mike, team `core` (mike); projects `rocket`
    /// (olivia's, in acme) and `kite` (olivia's, outside), `boat` (nora's); nora is outside.
    static func acme() async throws -> HTTPFixture {
        let fixture = try await HTTPFixture()
        let olivia = try await fixture.createUser("olivia")
        let nora = try await fixture.createUser("nora")
        for name in ["manny", "mike"] { try await fixture.createUser(name) }
        let organizations = fixture.organizations
        _ = try await organizations.create(name: "acme", by: olivia)
        try await organizations.setMember(organization: "acme", username: "manny", kind: .manager, by: olivia)
        try await organizations.setMember(organization: "acme", username: "mike", kind: .member, by: olivia)
        _ = try await organizations.createTeam(organization: "acme", team: "core", by: olivia)
        try await organizations.setTeamMember(
            organization: "acme", team: "core", username: "mike", remove: false, by: olivia)
        try await fixture.upload("rocket", by: olivia, summary: "Rockets")
        try await fixture.upload("kite", by: olivia, summary: "Kites")
        try await fixture.upload("boat", by: nora, summary: "Boats")
        try await organizations.transfer(project: "rocket", to: "acme", by: olivia)
        return fixture
    }

    static let projects = ["rocket", "kite", "boat"]

    /// Logs `username` in and runs `body` with the browser.
    static func signedIn(
        _ username: String, _ fixture: HTTPFixture, _ body: @Sendable (inout Browser) async throws -> Void
    ) async throws {
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn(username, HTTPFixture.password).status.code == 303)
            try await body(&browser)
        }
    }

    @Test func organizationsPageListsTheUsersOrganizationsAndCreatesOne() async throws {
        let fixture = try await Self.acme()
        try await Self.signedIn("mike", fixture) { browser in
            let page = try await browser.get("/manage/organizations/")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let html = String(buffer: page.body)
            #expect(html.contains("<a href=\"/manage/organization/acme/\">acme</a></td><td>Member</td>"))
            #expect(html.contains("<label for=\"name\">Organization name</label>"))
            let created = try await browser.postWithCSRF("/manage/organizations/create/", form: [("name", "Widgets")])
            #expect(created.status.code == 303)
            #expect(created.headers[.location] == "/manage/organization/widgets/")
            let widgets = try #require(try await fixture.store.organization(normalizedName: "widgets"))
            let mike = try #require(try await fixture.store.user(username: "mike"))
            #expect(
                try await fixture.store.organizationRoles(organizationID: widgets.id) == [
                    OrganizationRole(organizationID: widgets.id, userID: mike.id, kind: .owner)
                ])
            for (name, message) in [
                ("ACME", "The organization name &#39;ACME&#39; is already in use."),
                ("-bad-", "The organization name &#39;-bad-&#39; is invalid."),
            ] {
                let refused = try await browser.postWithCSRF("/manage/organizations/create/", form: [("name", name)])
                #expect(refused.status.code == 400)
                #expect(String(buffer: refused.body).contains(message))
            }
            #expect(try await fixture.store.organizations(userID: mike.id).map(\.name) == ["acme", "Widgets"])
        }
    }

    @Test func managePageShowsWhatTheRoleAllows() async throws {
        let fixture = try await Self.acme()
        try await Self.signedIn("olivia", fixture) { browser in
            let page = try await browser.get("/manage/organization/acme/")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let html = String(buffer: page.body)
            #expect(html.contains("<td>manny</td><td>Manager</td>"))
            #expect(html.contains("action=\"/manage/organization/acme/members/remove/\""))
            #expect(html.contains("action=\"/manage/organization/acme/transfer/\""))
            #expect(html.contains("<option>kite</option>"), "olivia's own project can be transferred")
            #expect(!html.contains("<option>boat</option>"))
            #expect(html.contains("<h3>Team core</h3>"))
            #expect(try await browser.get("/manage/organization/nothing/").status == .notFound)
        }
        try await Self.signedIn("mike", fixture) { browser in
            let html = String(buffer: try await browser.get("/manage/organization/acme/").body)
            #expect(html.contains("<strong id=\"organization-role\">Member</strong>"))
            #expect(!html.contains("method=\"post\""), "a Member sees no action")
        }
        try await Self.signedIn("nora", fixture) { browser in
            let page = try await browser.get("/manage/organization/acme/")
            #expect(page.status == .forbidden)
            #expect(String(buffer: page.body).contains("You are not a member of &#39;acme&#39;."))
        }
    }

    struct Action: Sendable, CustomStringConvertible {
        var user: String
        var path: String
        var form: [(String, String)]
        var status: Int
        var message: String
        var description: String { "\(user) \(path) \(form) -> \(status)" }
    }

    static let refusals: [Action] = [
        Action(
            user: "mike", path: "members/set", form: [("username", "nora"), ("role", "Member")], status: 403,
            message: "The user &#39;mike&#39; isn&#39;t allowed to do this in organization &#39;acme&#39;."),
        Action(
            user: "manny", path: "members/set", form: [("username", "nora"), ("role", "Owner")], status: 403,
            message: "Only Owners of &#39;acme&#39; can change Owners and Managers."),
        Action(
            user: "olivia", path: "members/set", form: [("username", "nobody"), ("role", "Member")], status: 404,
            message: "User &#39;nobody&#39; does not exist."),
        Action(
            user: "olivia", path: "members/set", form: [("username", "nora"), ("role", "King")], status: 400,
            message: "Choose a role: Owner, Manager or Member."),
        Action(
            user: "olivia", path: "members/set", form: [("username", "olivia"), ("role", "Member")], status: 400,
            message: "An organization must have at least one Owner."),
        Action(
            user: "manny", path: "members/remove", form: [("username", "mike")], status: 403,
            message: "isn&#39;t allowed to do this"),
        Action(
            user: "olivia", path: "members/remove", form: [("username", "nora")], status: 404,
            message: "User &#39;nora&#39; is not a member of &#39;acme&#39;."),
        Action(
            user: "olivia", path: "members/remove", form: [("username", "olivia")], status: 400,
            message: "An organization must have at least one Owner."),
        Action(
            user: "mike", path: "teams/create", form: [("team", "ops")], status: 403,
            message: "isn&#39;t allowed to do this"),
        Action(
            user: "olivia", path: "teams/create", form: [("team", "core")], status: 400,
            message: "The team &#39;core&#39; already exists."),
        Action(
            user: "olivia", path: "teams/create", form: [("team", "")], status: 400,
            message: "Give a team name of 1 to 50 characters."),
        Action(
            user: "mike", path: "teams/members/add", form: [("team", "core"), ("username", "manny")], status: 403,
            message: "isn&#39;t allowed to do this"),
        Action(
            user: "olivia", path: "teams/members/add", form: [("team", "core"), ("username", "nora")], status: 400,
            message: "User &#39;nora&#39; is not a member of &#39;acme&#39;."),
        Action(
            user: "olivia", path: "teams/members/add", form: [("team", "ops"), ("username", "manny")], status: 404,
            message: "Team &#39;ops&#39; does not exist in &#39;acme&#39;."),
        Action(
            user: "mike", path: "teams/members/remove", form: [("team", "core"), ("username", "mike")], status: 403,
            message: "isn&#39;t allowed to do this"),
        Action(
            user: "mike", path: "teams/roles/set", form: [("team", "core"), ("project", "rocket"), ("role", "Owner")],
            status: 403, message: "isn&#39;t allowed to do this"),
        Action(
            user: "manny", path: "teams/roles/set", form: [("team", "core"), ("project", "kite"), ("role", "Owner")],
            status: 404, message: "Project &#39;kite&#39; does not belong to &#39;acme&#39;."),
        Action(
            user: "manny", path: "teams/roles/set", form: [("team", "core"), ("project", "rocket"), ("role", "Boss")],
            status: 400, message: "Choose a role: Owner or Maintainer."),
        Action(
            user: "mike", path: "teams/roles/remove", form: [("team", "core"), ("project", "rocket")], status: 403,
            message: "isn&#39;t allowed to do this"),
        Action(
            user: "olivia", path: "transfer", form: [("project", "rocket")], status: 409,
            message: "The project &#39;rocket&#39; already belongs to &#39;acme&#39;."),
        Action(
            user: "manny", path: "transfer", form: [("project", "kite")], status: 403,
            message: "isn&#39;t allowed to transfer the project in project &#39;kite&#39;."),
        Action(
            user: "nora", path: "transfer", form: [("project", "boat")], status: 403,
            message: "The user &#39;nora&#39; isn&#39;t allowed to do this in organization &#39;acme&#39;."),
        Action(
            user: "olivia", path: "transfer", form: [("project", "")], status: 400,
            message: "Choose a project to transfer."),
        Action(
            user: "olivia", path: "transfer", form: [("project", "nothing")], status: 404,
            message: "Project &#39;nothing&#39; does not exist."),
    ]

    @Test(arguments: refusals)
    func refusalAnswersTheMessageAndStatusAndChangesNothing(_ action: Action) async throws {
        let fixture = try await Self.acme()
        let before = try await fixture.organizationState("acme", projects: Self.projects)
        let journal = fixture.store.counts().journal
        try await Self.signedIn(action.user, fixture) { browser in
            let response = try await browser.postWithCSRF(
                "/manage/organization/acme/\(action.path)/", form: action.form)
            #expect(response.status.code == action.status)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = String(buffer: response.body)
            #expect(body.contains(action.message), "\(body)")
            #expect(body.contains("role=\"alert\""))
        }
        #expect(try await fixture.organizationState("acme", projects: Self.projects) == before)
        #expect(fixture.store.counts().journal == journal)
    }

    @Test func unknownOrganizationIs404ForEveryAction() async throws {
        let fixture = try await Self.acme()
        let paths = [
            "members/set", "members/remove", "teams/create", "teams/members/add", "teams/roles/set", "transfer",
        ]
        try await Self.signedIn("olivia", fixture) { browser in
            for path in paths {
                let response = try await browser.postWithCSRF(
                    "/manage/organization/nothing/\(path)/",
                    form: [("username", "mike"), ("role", "Owner"), ("team", "core"), ("project", "kite")])
                #expect(response.status.code == 404, "\(path)")
                #expect(String(buffer: response.body).contains("Organization &#39;nothing&#39; does not exist."))
            }
        }
    }

    @Test func ownerRunsEveryAction() async throws {
        let fixture = try await Self.acme()
        try await Self.signedIn("olivia", fixture) { browser in
            let steps: [(String, [(String, String)])] = [
                ("members/set", [("username", "nora"), ("role", "Member")]),
                ("members/set", [("username", "mike"), ("role", "Manager")]),
                ("members/remove", [("username", "manny")]),
                ("teams/create", [("team", "ops")]),
                ("teams/members/add", [("team", "ops"), ("username", "nora")]),
                ("teams/members/remove", [("team", "core"), ("username", "mike")]),
                ("transfer", [("project", "kite")]),
                ("teams/roles/set", [("team", "ops"), ("project", "kite"), ("role", "Maintainer")]),
                ("teams/roles/set", [("team", "core"), ("project", "rocket"), ("role", "Owner")]),
                ("teams/roles/remove", [("team", "core"), ("project", "rocket")]),
            ]
            for (path, form) in steps {
                let response = try await browser.postWithCSRF("/manage/organization/acme/\(path)/", form: form)
                #expect(response.status.code == 303, "\(path): \(String(buffer: response.body))")
                #expect(response.headers[.location] == "/manage/organization/acme/")
            }
            let project = String(buffer: try await browser.get("/project/kite/").body)
            #expect(project.contains("href=\"/org/acme/\""), "the project page follows the transfer at once")
        }
        let state = try await fixture.organizationState("acme", projects: Self.projects)
        let ids = try await ["olivia", "mike", "nora"].asyncMap {
            try #require(try await fixture.store.user(username: $0)).id
        }
        #expect(
            Set(state.members) == [
                "\(ids[0].rawValue):Owner", "\(ids[2].rawValue):Member", "\(ids[1].rawValue):Manager",
            ])
        #expect(state.projects == ["rocket in acme", "kite in acme", "boat in none"])
        let acme = try #require(try await fixture.store.organization(normalizedName: "acme"))
        let teams = try await fixture.store.teams(organizationID: acme.id)
        #expect(teams.map(\.name) == ["core", "ops"])
        #expect(try await fixture.store.teamMembers(teamID: teams[0].id).isEmpty)
        #expect(try await fixture.store.teamMembers(teamID: teams[1].id) == [ids[2]])
        #expect(state.teamRoles == ["kite: team \(teams[1].id) Maintainer"])
        let kite = try #require(try await fixture.store.project(normalizedName: "kite"))
        let roles = try await fixture.store.effectiveRoles(projectID: kite.id)
        #expect(roles.contains(Role(userID: ids[2], projectID: kite.id, kind: .maintainer)), "nora, through ops")
    }

    @Test func managerAddsMembersAndRunsTeams() async throws {
        let fixture = try await Self.acme()
        try await Self.signedIn("manny", fixture) { browser in
            let html = String(buffer: try await browser.get("/manage/organization/acme/").body)
            #expect(!html.contains("/acme/members/remove/"), "Managers remove no member")
            #expect(!html.contains("/transfer/"))
            for (path, form) in [
                ("members/set", [("username", "nora"), ("role", "Member")]),
                ("teams/members/add", [("team", "core"), ("username", "nora")]),
                ("teams/roles/set", [("team", "core"), ("project", "rocket"), ("role", "Maintainer")]),
            ] {
                let response = try await browser.postWithCSRF("/manage/organization/acme/\(path)/", form: form)
                #expect(response.status.code == 303, "\(path): \(String(buffer: response.body))")
            }
        }
        let state = try await fixture.organizationState("acme", projects: Self.projects)
        #expect(state.members.count == 4)
        #expect(state.teamRoles.count == 1)
    }

    @Test func postsWithoutTheCSRFTokenAreRefused() async throws {
        let fixture = try await Self.acme()
        let before = try await fixture.organizationState("acme", projects: Self.projects)
        try await Self.signedIn("olivia", fixture) { browser in
            let posts: [(String, [(String, String)])] = [
                ("/manage/organizations/create/", [("name", "other")]),
                ("/manage/organization/acme/members/set/", [("username", "nora"), ("role", "Member")]),
                ("/manage/organization/acme/members/remove/", [("username", "mike")]),
                ("/manage/organization/acme/teams/create/", [("team", "ops")]),
                ("/manage/organization/acme/teams/members/add/", [("team", "core"), ("username", "manny")]),
                ("/manage/organization/acme/teams/members/remove/", [("team", "core"), ("username", "mike")]),
                (
                    "/manage/organization/acme/teams/roles/set/",
                    [("team", "core"), ("project", "rocket"), ("role", "Owner")]
                ),
                ("/manage/organization/acme/teams/roles/remove/", [("team", "core"), ("project", "rocket")]),
                ("/manage/organization/acme/transfer/", [("project", "kite")]),
            ]
            for (path, form) in posts {
                for csrf in [nil, "wrong"] as [String?] {
                    let response = try await browser.post(path, form: (csrf.map { [("csrf_token", $0)] } ?? []) + form)
                    #expect(response.status.code == 403, "\(path)")
                }
                #expect(try await browser.get(path).status == .methodNotAllowed)
            }
        }
        #expect(try await fixture.organizationState("acme", projects: Self.projects) == before)
        #expect(try await fixture.store.organization(normalizedName: "other") == nil)
    }

    @Test func pagesNeedALogin() async throws {
        let fixture = try await Self.acme()
        try await fixture.application.test(.router) { client in
            for path in ["/manage/organizations/", "/manage/organization/acme/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status.code == 303)
                #expect(response.headers[.location]?.hasPrefix("/account/login/") == true)
            }
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
