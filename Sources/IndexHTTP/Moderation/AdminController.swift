import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The administrators' web pages, under `/admin/`: the reports queue, accounts (freeze, reset
/// 2FA, verify e-mail, site roles), projects (quarantine, release, transfer, delete, even when
/// quarantined), prohibited names, the instance flags and the audit log. Moderators see the
/// pages and act on reports and quarantine; the rest is for administrators. Every action runs
/// ``AdminActions``, the same use case as the API and the CLI, so the rules and the audit log
/// are the same. Personal pages: session, CSRF token, never cached.
struct AdminController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let useCases: IndexUseCases
    let model: ReadModel
    let account: ManageAccountController

    var tls: Bool { account.tls }
    var admin: AdminActions { useCases.admin }

    func register(on router: Router<IndexRequestContext>) {
        page(router, "/admin") { active, _, _ in try await dashboard(active) }
        page(router, "/admin/reports") { active, _, _ in try await reportsPage(active) }
        page(router, "/admin/log") { _, _, _ in try await logPage() }
        page(router, "/admin/user") { _, request, _ in
            let name = request.uri.queryParameters.get("name") ?? ""
            throw Redirect(to: "/admin/user/\(PercentEncoding.encodePathSegment(name))/")
        }
        page(router, "/admin/project") { _, request, _ in
            let name = ProjectName.normalize(request.uri.queryParameters.get("name") ?? "")
            throw Redirect(to: "/admin/project/\(PercentEncoding.encodePathSegment(name))/")
        }
        page(router, "/admin/user/:username") { active, _, context in
            try await userPage(active, username: context.parameters.require("username"))
        }
        page(router, "/admin/project/:project") { active, _, context in
            try await projectPage(active, name: context.parameters.require("project"))
        }
        registerActions(on: router)
    }

    struct Redirect: Error {
        let to: String
    }

    /// A page for moderators and administrators.
    private func page(
        _ router: Router<IndexRequestContext>, _ path: String,
        _ body: @escaping @Sendable (ActiveSession, Request, IndexRequestContext) async throws -> WebPage
    ) {
        router.get(RouterPath(path)) { request, context in
            let active = try await account.session(request)
            do {
                try AdminActions.require(.user(active.user), .moderator)
                return try await body(active, request, context).response(tls: tls)
            } catch let error as ManageError {
                return WebPage(
                    title: "Not allowed", body: "<p class=\"error\">\(WebPage.escape(error.message))</p>",
                    status: error.kind.status
                ).response(tls: tls)
            } catch let redirect as Redirect {
                return WebPage.redirect(redirect.to, tls: tls)
            }
        }
    }

    /// A form's action: the session's user acts; on success, back to `next`, else the refusal.
    func act(
        _ router: Router<IndexRequestContext>, _ path: String,
        _ body: @escaping @Sendable (AdminActor, FormData, IndexRequestContext) async throws -> (String, ManageResult?)
    ) {
        router.post(RouterPath(path)) { request, context in
            try await account.post(request, context) { active, form, _ in
                do {
                    let (next, result) = try await body(.user(active.user), form, context)
                    await model.catchUp()
                    await result?.removeUnreferencedBlobs(from: blobs)
                    return WebPage.redirect(next, tls: tls)
                } catch let error as ManageError {
                    return WebPage(
                        title: "Not done",
                        body: "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p>"
                            + "<p><a href=\"/admin/\">Back to the administration</a></p>",
                        status: error.kind.status
                    ).response(tls: tls)
                }
            }
        }
        router.get(RouterPath(path)) { _, _ in AccountController.methodNotAllowed }
    }

    // MARK: Pages

    private func dashboard(_ active: ActiveSession) async throws -> WebPage {
        let csrf = active.session.csrfToken
        let open = try await store.observations(open: true, limit: 1000)
        var body = "<p>You are signed in as <strong>\(WebPage.escape(active.user.username))</strong>, "
        body += "\(active.user.siteRole.name).</p>"
        body +=
            "<h2>Reports</h2><p><a href=\"/admin/reports/\">\(open.count) open report\(open.count == 1 ? "" : "s")</a></p>"
        body += "<h2>Find</h2>"
        body += "<form method=\"get\" action=\"/admin/user/\" class=\"inline\">"
        body += "<label for=\"find-user\">Username</label> <input id=\"find-user\" name=\"name\" required> "
        body += "<button type=\"submit\">Find user</button></form> "
        body += "<form method=\"get\" action=\"/admin/project/\" class=\"inline\">"
        body += "<label for=\"find-project\">Project</label> <input id=\"find-project\" name=\"name\" required> "
        body += "<button type=\"submit\">Find project</button></form>"
        body += "<h2>Instance flags</h2><table id=\"flags\"><thead><tr><th scope=\"col\">Flag</th>"
        body +=
            "<th scope=\"col\">What it does</th><th scope=\"col\">State</th><th scope=\"col\">Change</th></tr></thead><tbody>"
        for flag in InstanceFlag.allCases {
            let on = try await flag.isOn(in: store)
            body += "<tr><td><code>\(flag.rawValue)</code></td><td>\(WebPage.escape(flag.summary))</td>"
            body += "<td>\(on ? "<strong>on</strong>" : "off")</td><td>"
            body += WebPage.form(
                action: "/admin/flags/\(flag.rawValue)/", csrf: csrf, submit: on ? "Turn off" : "Turn on",
                "<input type=\"hidden\" name=\"value\" value=\"\(on ? "off" : "on")\">", inline: true)
            body += "</td></tr>"
        }
        body += "</tbody></table>"
        body += "<h2>Prohibit a project name</h2>"
        body += WebPage.form(
            action: "/admin/names/prohibit/", csrf: csrf, submit: "Prohibit",
            "<p><label for=\"prohibit-name\">Project name</label> <input id=\"prohibit-name\" name=\"name\" required></p>"
                + "<p><label for=\"prohibit-comment\">Comment (kept for administrators)</label> "
                + "<input id=\"prohibit-comment\" name=\"comment\"></p>")
        body += "<h2>Staff</h2><ul>"
        for user in try await store.staff() {
            body += "<li><a href=\"/admin/user/\(PercentEncoding.encodePathSegment(user.username))/\">"
            body += "\(WebPage.escape(user.username))</a>: \(user.siteRole.name)</li>"
        }
        body += "</ul><p><a href=\"/admin/log/\">The audit log</a></p>"
        return WebPage(title: "Administration", body: body)
    }

    private func reportsPage(_ active: ActiveSession) async throws -> WebPage {
        let csrf = active.session.csrfToken
        let open = try await store.observations(open: true, limit: 500)
        var body = "<h2>Open reports</h2>"
        if open.isEmpty {
            body += "<p class=\"muted\" id=\"no-reports\">No open reports.</p>"
        } else {
            body += try await Self.reportsTable(open, id: "open-reports") { report in
                let project = try await store.project(normalizedName: report.project)
                var actions = ""
                if let project, project.status != .quarantined {
                    actions += WebPage.form(
                        action: "/admin/reports/\(report.id)/quarantine/", csrf: csrf,
                        submit: "Quarantine \(project.name)", "", inline: true, danger: true)
                }
                actions += WebPage.form(
                    action: "/admin/reports/\(report.id)/resolve/", csrf: csrf, submit: "Mark actioned",
                    "<input type=\"hidden\" name=\"resolution\" value=\"actioned\">", inline: true)
                actions += WebPage.form(
                    action: "/admin/reports/\(report.id)/resolve/", csrf: csrf, submit: "Dismiss",
                    "<input type=\"hidden\" name=\"resolution\" value=\"dismissed\">", inline: true)
                return actions
            }
        }
        let resolved = try await store.observations(open: false, limit: 50)
        body += "<h2>Recently resolved</h2>"
        if resolved.isEmpty {
            body += "<p class=\"muted\">None yet.</p>"
        } else {
            body += try await Self.reportsTable(resolved, id: "resolved-reports") { report in
                "\(report.resolution?.rawValue ?? "") by \(WebPage.escape(report.resolvedBy))"
            }
        }
        return WebPage(title: "Reports", body: body)
    }

    static func reportsTable(
        _ reports: [Observation], id: String, last: (Observation) async throws -> String
    ) async rethrows -> String {
        var body = "<table id=\"\(id)\"><thead><tr><th scope=\"col\">Project</th><th scope=\"col\">Kind</th>"
        body += "<th scope=\"col\">Summary</th><th scope=\"col\">Reported by</th><th scope=\"col\">When</th>"
        body += "<th scope=\"col\">\(id == "open-reports" ? "Actions" : "Outcome")</th></tr></thead><tbody>"
        for report in reports {
            body +=
                "<tr><td><a href=\"/admin/project/\(report.project)/\">\(WebPage.escape(report.projectName))</a></td>"
            body += "<td>\(report.kind.label)</td><td>\(WebPage.escape(report.summary))"
            if !report.inspectorURL.isEmpty {
                body += " <a href=\"\(WebPage.escape(report.inspectorURL))\" rel=\"noopener noreferrer\">Evidence</a>"
            }
            body += "</td><td>\(WebPage.escape(report.reporter))</td><td>\(report.created.iso8601Seconds)</td>"
            body += "<td>\(try await last(report))</td></tr>"
        }
        return body + "</tbody></table>"
    }

    private func userPage(_ active: ActiveSession, username: String) async throws -> WebPage {
        guard let user = try await store.user(username: username) else {
            throw ManageError(.notFound, "No user named '\(username)'.")
        }
        let csrf = active.session.csrfToken
        let base = "/admin/user/\(PercentEncoding.encodePathSegment(user.username))"
        var body = "<dl class=\"facts\">"
        body +=
            "<dt>E-mail</dt><dd>\(WebPage.escape(user.email)) (\(user.emailVerified ? "verified" : "not verified"))</dd>"
        body += "<dt>Created</dt><dd>\(user.created.iso8601Seconds)</dd>"
        body += "<dt>Two-factor</dt><dd>\(user.hasTwoFactor ? "enabled" : "not enabled")</dd>"
        body += "<dt>State</dt><dd id=\"user-state\">\(user.isFrozen ? "frozen" : "active")</dd>"
        body += "<dt>Site role</dt><dd id=\"user-role\">\(user.siteRole.name)</dd></dl>"
        body += "<h2>Actions</h2>"
        body += WebPage.form(
            action: "\(base)/\(user.isFrozen ? "unfreeze" : "freeze")/", csrf: csrf,
            submit: user.isFrozen ? "Unfreeze" : "Freeze", "", inline: true, danger: !user.isFrozen)
        if user.hasTwoFactor {
            body += WebPage.form(action: "\(base)/reset-2fa/", csrf: csrf, submit: "Reset 2FA", "", inline: true)
        }
        if !user.emailVerified {
            body += WebPage.form(action: "\(base)/verify-email/", csrf: csrf, submit: "Verify e-mail", "", inline: true)
        }
        var options = ""
        for role in SiteRole.allCases {
            options += "<option value=\"\(role.name)\"\(role == user.siteRole ? " selected" : "")>\(role.name)</option>"
        }
        body += WebPage.form(
            action: "\(base)/role/", csrf: csrf, submit: "Set role",
            "<label for=\"site-role\">Site role</label> <select id=\"site-role\" name=\"role\">\(options)</select> ",
            inline: true)
        body += "<h2>Projects</h2><ul>"
        for role in try await store.roles(userID: user.id) {
            guard let project = try await store.project(id: role.projectID) else { continue }
            body += "<li><a href=\"/admin/project/\(project.normalizedName)/\">\(WebPage.escape(project.name))</a> "
            body += "(\(role.kind.rawValue), \(project.status.rawValue))</li>"
        }
        body += "</ul><h2>Security history</h2><ul>"
        for event in try await store.events(userID: user.id, limit: 30) {
            body += "<li>\(event.time.iso8601Seconds) <code>\(WebPage.escape(event.tag))</code></li>"
        }
        body += "</ul>"
        return WebPage(title: "User \(user.username)", body: body)
    }

    private func projectPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        guard let detail = try await store.projectDetail(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        let project = detail.project
        let csrf = active.session.csrfToken
        let base = "/admin/project/\(project.normalizedName)"
        var body = "<p>Status: <strong id=\"project-status\">\(project.status.rawValue)</strong>. "
        body += "<a href=\"/project/\(project.normalizedName)/\">Public page</a></p>"
        body += "<h2>Roles</h2><ul>"
        for role in try await store.effectiveRoles(projectID: project.id) {
            let user = try await store.user(id: role.userID)
            body += "<li>\(WebPage.escape(user?.username ?? "?")): \(role.kind.rawValue)</li>"
        }
        body += "</ul><h2>Releases</h2><ul>"
        for release in detail.releases.sorted(by: { $0.id > $1.id }) {
            let files = detail.files.filter { $0.releaseID == release.id }
            body += "<li>\(WebPage.escape(release.version)): "
            body += files.map { "<code>\(WebPage.escape($0.filename))</code>" }.joined(separator: ", ") + "</li>"
        }
        body += "</ul><h2>Reports</h2>"
        let reports = try await store.observations(project: project.normalizedName, limit: 100)
        body +=
            reports.isEmpty
            ? "<p class=\"muted\">No reports.</p>"
            : await Self.reportsTable(reports, id: "project-reports") { report in
                report.isOpen ? "open" : "\(report.resolution?.rawValue ?? "") by \(WebPage.escape(report.resolvedBy))"
            }
        body += "<h2>Actions</h2>"
        if project.status == .quarantined {
            body += WebPage.form(action: "\(base)/release/", csrf: csrf, submit: "Release from quarantine", "")
        } else {
            body += WebPage.form(
                action: "\(base)/quarantine/", csrf: csrf, submit: "Quarantine",
                "<p><label for=\"quarantine-reason\">Reason (kept in the project's security log)</label> "
                    + "<input id=\"quarantine-reason\" name=\"reason\"></p>", inline: false, danger: true)
        }
        body += WebPage.form(
            action: "\(base)/transfer/", csrf: csrf, submit: "Transfer",
            "<p><label for=\"transfer-to\">Make this user the only Owner</label> "
                + "<input id=\"transfer-to\" name=\"username\" required></p>")
        body += WebPage.form(
            action: "\(base)/delete/", csrf: csrf, submit: "Delete the project and prohibit its name",
            "<p><label for=\"delete-confirm\">Type the project name to confirm</label> "
                + "<input id=\"delete-confirm\" name=\"confirm\" required></p>", inline: false, danger: true)
        return WebPage(title: "Project \(project.name)", body: body)
    }

    private func logPage() async throws -> WebPage {
        var body = "<table id=\"admin-log\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
        body +=
            "<th scope=\"col\">Action</th><th scope=\"col\">Target</th><th scope=\"col\">Details</th></tr></thead><tbody>"
        for entry in try await store.adminLog(limit: 500) {
            let details = entry.details.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                .joined(separator: "; ")
            body += "<tr><td>\(entry.time.iso8601Seconds)</td><td>\(WebPage.escape(entry.actor))</td>"
            body += "<td><code>\(WebPage.escape(entry.action))</code></td><td>\(WebPage.escape(entry.target))</td>"
            body += "<td>\(WebPage.escape(details))</td></tr>"
        }
        return WebPage(title: "Audit log", body: body + "</tbody></table>")
    }
}
