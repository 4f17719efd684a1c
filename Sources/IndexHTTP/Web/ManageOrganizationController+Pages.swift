import IndexCore
import PythonPackaging

extension ManageOrganizationController {
    /// `/manage/organizations/`: the user's organizations with their role, and the create form.
    func organizationsPage(_ active: ActiveSession) async throws -> WebPage {
        let memberships = try await useCases.organizations.memberships(of: active.user)
        var body =
            "<table id=\"organizations\"><thead><tr><th scope=\"col\">Organization</th><th scope=\"col\">Your role</th></tr></thead><tbody>"
        for (organization, kind) in memberships {
            body +=
                "<tr><td><a href=\"/manage/organization/\(organization.normalizedName)/\">\(esc(organization.name))</a></td>"
                + "<td>\(kind.rawValue)</td></tr>"
        }
        body += "</tbody></table>"
        if memberships.isEmpty { body += "<p class=\"muted\">You are not a member of any organization.</p>" }
        body +=
            "<h2>Create an organization</h2><p>You become its Owner. Its page is public at /org/&lt;name&gt;/.</p>"
            + WebPage.form(
                action: "/manage/organizations/create/", csrf: active.session.csrfToken, submit: "Create organization",
                WebPage.input("name", label: "Organization name", extra: "required"), inline: false)
        return WebPage(title: "Your organizations", body: body)
    }

    /// `/manage/organization/<name>/`: members, teams and projects; the forms each role may use.
    func organizationPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        guard let organization = try await store.organization(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError(.notFound, "Organization '\(name)' does not exist.")
        }
        let roles = try await store.organizationRoles(organizationID: organization.id)
        guard let kind = roles.first(where: { $0.userID == active.user.id })?.kind else {
            throw ManageError(.forbidden, "You are not a member of '\(organization.name)'.")
        }
        var usernames: [UserID: String] = [:]
        for role in roles { usernames[role.userID] = try await store.user(id: role.userID)?.username ?? "" }
        let page = OrganizationManagePage(
            organization: organization, kind: kind, csrf: active.session.csrfToken, usernames: usernames)
        var body =
            "<p>Your role: <strong id=\"organization-role\">\(kind.rawValue)</strong>. "
            + "<a href=\"/org/\(organization.normalizedName)/\">View the public page</a></p>"
        body += page.members(roles)
        var projects: [Project] = []
        for id in try await store.organizationProjects(organizationID: organization.id) {
            if let project = try await store.project(id: id) { projects.append(project) }
        }
        projects.sort { $0.normalizedName < $1.normalizedName }
        let teams = try await store.teams(organizationID: organization.id)
        var teamRoles: [Int64: [(Project, RoleKind)]] = [:]
        for project in projects {
            for role in try await store.teamRoles(projectID: project.id) {
                teamRoles[role.teamID, default: []].append((project, role.kind))
            }
        }
        var teamMembers: [Int64: [UserID]] = [:]
        for team in teams { teamMembers[team.id] = try await store.teamMembers(teamID: team.id) }
        body += page.teams(teams, members: teamMembers, roles: teamRoles, projects: projects)
        var owned: [Project] = []
        if kind == .owner {
            for role in try await store.roles(userID: active.user.id) where role.kind == .owner {
                guard let project = try await store.project(id: role.projectID),
                    !projects.contains(where: { $0.id == project.id })
                else { continue }
                owned.append(project)
            }
        }
        body += page.projects(projects, transferable: owned.sorted { $0.normalizedName < $1.normalizedName })
        return WebPage(title: "Manage \(organization.name)", body: body)
    }

    private func esc(_ text: String) -> String { WebPage.escape(text) }
}
