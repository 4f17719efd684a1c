import IndexCore

/// The sections of an organization's manage page: members, teams, projects. The forms shown
/// follow the visitor's role (Owners: everything; Managers: Members, teams and team roles;
/// Members: nothing), as ``ManageOrganizations`` decides; every control has its own label.
struct OrganizationManagePage {
    let organization: Organization
    let kind: OrganizationRole.Kind
    let csrf: String
    let usernames: [UserID: String]

    private var base: String { "/manage/organization/\(organization.normalizedName)" }
    private var managesTeams: Bool { kind == .owner || kind == .manager }

    func members(_ roles: [OrganizationRole]) -> String {
        let sorted = roles.sorted { (usernames[$0.userID] ?? "") < (usernames[$1.userID] ?? "") }
        var html = "<h2>Members</h2><table id=\"members\"><thead><tr><th scope=\"col\">User</th>"
        html += "<th scope=\"col\">Role</th>" + (kind == .owner ? "<th scope=\"col\">Actions</th>" : "")
        html += "</tr></thead><tbody>"
        for (index, role) in sorted.enumerated() {
            let username = usernames[role.userID] ?? ""
            html += "<tr><td>\(esc(username))</td><td>\(role.kind.rawValue)</td>"
            if kind == .owner {
                let user = hidden("username", username)
                html +=
                    "<td>"
                    + WebPage.form(
                        action: "\(base)/members/set/", csrf: csrf, submit: "Change role",
                        user
                            + select(
                                "role", id: "member-role-\(index)", label: "New role of \(username)",
                                OrganizationRole.Kind.allCases.map(\.rawValue), chosen: role.kind.rawValue),
                        inline: true)
                    + WebPage.form(
                        action: "\(base)/members/remove/", csrf: csrf, submit: "Remove", user, inline: true,
                        danger: true)
                    + "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        guard managesTeams else { return html }
        let kinds = kind == .owner ? OrganizationRole.Kind.allCases.map(\.rawValue) : ["Member"]
        return html + "<h3>Add a member</h3>"
            + WebPage.form(
                action: "\(base)/members/set/", csrf: csrf, submit: "Add member",
                input("username", id: "new-member", label: "Username")
                    + "<p>" + select("role", id: "new-member-role", label: "Role", kinds, chosen: "Member") + "</p>",
                inline: false)
    }

    func teams(
        _ teams: [Team], members: [Int64: [UserID]], roles: [Int64: [(Project, RoleKind)]], projects: [Project]
    ) -> String {
        var html = "<h2>Teams</h2>"
        if teams.isEmpty { html += "<p class=\"muted\">No teams yet.</p>" }
        for (index, team) in teams.enumerated() {
            let named = hidden("team", team.name)
            html += "<h3>Team \(esc(team.name))</h3>"
            html += "<table id=\"team-\(index)-members\"><caption>Members of \(esc(team.name))</caption><thead><tr>"
            html += "<th scope=\"col\">User</th>" + (managesTeams ? "<th scope=\"col\">Actions</th>" : "")
            html += "</tr></thead><tbody>"
            for user in (members[team.id] ?? []).map({ usernames[$0] ?? "" }).sorted() {
                html += "<tr><td>\(esc(user))</td>"
                if managesTeams {
                    html +=
                        "<td>"
                        + WebPage.form(
                            action: "\(base)/teams/members/remove/", csrf: csrf, submit: "Remove from team",
                            named + hidden("username", user), inline: true, danger: true) + "</td>"
                }
                html += "</tr>"
            }
            html += "</tbody></table>"
            html += "<table id=\"team-\(index)-roles\"><caption>Project roles of \(esc(team.name))</caption><thead><tr>"
            html += "<th scope=\"col\">Project</th><th scope=\"col\">Role</th>"
            html += (managesTeams ? "<th scope=\"col\">Actions</th>" : "") + "</tr></thead><tbody>"
            for (project, role) in roles[team.id] ?? [] {
                html += "<tr><td>\(esc(project.name))</td><td>\(role.rawValue)</td>"
                if managesTeams {
                    html +=
                        "<td>"
                        + WebPage.form(
                            action: "\(base)/teams/roles/remove/", csrf: csrf, submit: "Revoke",
                            named + hidden("project", project.normalizedName), inline: true, danger: true) + "</td>"
                }
                html += "</tr>"
            }
            html += "</tbody></table>"
            guard managesTeams else { continue }
            html += WebPage.form(
                action: "\(base)/teams/members/add/", csrf: csrf, submit: "Add to team",
                named + input("username", id: "team-\(index)-username", label: "Username to add to \(team.name)"),
                inline: false)
            if !projects.isEmpty {
                html += WebPage.form(
                    action: "\(base)/teams/roles/set/", csrf: csrf, submit: "Grant role",
                    named + "<p>"
                        + select(
                            "project", id: "team-\(index)-project", label: "Project",
                            projects.map(\.normalizedName), chosen: "")
                        + " "
                        + select("role", id: "team-\(index)-role", label: "Role", ["Maintainer", "Owner"], chosen: "")
                        + "</p>",
                    inline: false)
            }
        }
        guard managesTeams else { return html }
        return html + "<h3>Create a team</h3>"
            + WebPage.form(
                action: "\(base)/teams/create/", csrf: csrf, submit: "Create team",
                input("team", id: "new-team", label: "Team name"), inline: false)
    }

    func projects(_ projects: [Project], transferable: [Project]) -> String {
        var html = "<h2>Projects</h2>"
        if projects.isEmpty {
            html += "<p class=\"muted\">No projects yet.</p>"
        } else {
            html += "<ul class=\"results\" id=\"projects\">"
            for project in projects {
                html +=
                    "<li><a href=\"/manage/project/\(project.normalizedName)/\">\(esc(project.name))</a> (\(project.status.rawValue))</li>"
            }
            html += "</ul>"
        }
        guard kind == .owner, !transferable.isEmpty else { return html }
        return html + "<h3>Transfer a project into \(esc(organization.name))</h3>"
            + "<p>Its Owners stay; the Owners of the organization become Owners of it too.</p>"
            + WebPage.form(
                action: "\(base)/transfer/", csrf: csrf, submit: "Transfer project",
                "<p>"
                    + select(
                        "project", id: "transfer-project", label: "Project you own",
                        transferable.map(\.normalizedName), chosen: "") + "</p>",
                inline: false)
    }

    private func esc(_ text: String) -> String { WebPage.escape(text) }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(esc(value))\">"
    }

    private func input(_ name: String, id: String, label: String) -> String {
        "<p><label for=\"\(id)\">\(esc(label))</label> <input id=\"\(id)\" name=\"\(name)\" required></p>"
    }

    private func select(_ name: String, id: String, label: String, _ options: [String], chosen: String) -> String {
        "<label for=\"\(id)\">\(esc(label))</label> <select id=\"\(id)\" name=\"\(name)\">"
            + options.map { "<option\($0 == chosen ? " selected" : "")>\(esc($0))</option>" }.joined() + "</select>"
    }
}
