import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

extension ManageProjectController {
    func registerActions(on router: Router<IndexRequestContext>) {
        let base = "/manage/project/:project"
        @Sendable func project(_ context: IndexRequestContext) throws -> String {
            ProjectName.normalize(try context.parameters.require("project"))
        }
        func post(
            _ path: String,
            _ body: @escaping @Sendable (ActiveSession, FormData, IndexRequestContext) async throws -> Response
        ) {
            router.post(RouterPath(path)) { request, context in
                try await account.post(request, context) { active, form, _ in try await body(active, form, context) }
            }
            router.get(RouterPath(path)) { _, _ in AccountController.methodNotAllowed }
        }
        post("\(base)/release/:version/yank") { active, form, context in
            let (name, version) = (try project(context), try context.parameters.require("version"))
            return try await act("/manage/project/\(name)/") {
                try await useCases.yank.yank(
                    project: name, version: version, reason: form["reason"] ?? "", by: active.user)
            }
        }
        post("\(base)/release/:version/unyank") { active, _, context in
            let (name, version) = (try project(context), try context.parameters.require("version"))
            return try await act("/manage/project/\(name)/") {
                try await useCases.yank.unyank(
                    project: name, version: version, by: active.user)
            }
        }
        post("\(base)/release/:version/delete") { active, form, context in
            let (name, version) = (try project(context), try context.parameters.require("version"))
            return try await act("/manage/project/\(name)/") {
                guard Version.canonicalize(form["confirm"] ?? "") == Version.canonicalize(version) else {
                    throw ManageError(.invalid, "Type the version to confirm the deletion.")
                }
                return try await useCases.deleteRelease(
                    project: name, version: version, by: active.user)
            }
        }
        post("\(base)/file/delete") { active, form, context in
            let name = try project(context)
            return try await act("/manage/project/\(name)/") {
                let filename = form["filename"] ?? ""
                guard !filename.isEmpty, form["confirm"] == filename else {
                    throw ManageError(.invalid, "Type the filename to confirm the deletion.")
                }
                return try await useCases.deleteFile(
                    project: name, filename: filename, by: active.user)
            }
        }
        post("\(base)/delete") { active, form, context in
            let name = try project(context)
            return try await act("/manage/projects/") {
                guard ProjectName.normalize(form["confirm"] ?? "") == name else {
                    throw ManageError(.invalid, "Type the project name to confirm the deletion.")
                }
                return try await useCases.deleteProject(project: name, by: active.user)
            }
        }
        for change in OwnerStatusChange.allCases {
            post("\(base)/\(change.rawValue)") { active, _, context in
                let name = try project(context)
                return try await act("/manage/project/\(name)/") {
                    try await useCases.archive(project: name, change: change, by: active.user)
                }
            }
        }
        registerCollaboration(on: router, post: post)
    }

    typealias Post = (
        _ path: String,
        _ body: @escaping @Sendable (ActiveSession, FormData, IndexRequestContext) async throws -> Response
    ) -> Void

    func registerCollaboration(on router: Router<IndexRequestContext>, post: Post) {
        let base = "/manage/project/:project"
        let roles = useCases.roles
        router.get("\(base)/collaboration") { request, context in
            let active = try await account.session(request)
            return try await answer { try await collaborationPage(active, name: context.parameters.require("project")) }
        }
        post("\(base)/roles/invite") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/collaboration/") {
                guard let kind = RoleKind(rawValue: form["role"] ?? "") else {
                    throw ManageError(.invalid, "Choose a role: Owner or Maintainer.")
                }
                try await roles.invite(
                    project: name, username: form["username"] ?? "", kind: kind, by: active.user, ip: context.clientIP)
                return nil
            }
        }
        post("\(base)/roles/change") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/collaboration/") {
                guard let kind = RoleKind(rawValue: form["role"] ?? "") else {
                    throw ManageError(.invalid, "Choose a role: Owner or Maintainer.")
                }
                return try await roles.change(
                    project: name, username: form["username"] ?? "", to: kind, by: active.user, ip: context.clientIP)
            }
        }
        post("\(base)/roles/remove") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/collaboration/") {
                try await roles.remove(
                    project: name, username: form["username"] ?? "", by: active.user, ip: context.clientIP)
            }
        }
        for (path, accept) in [("accept", true), ("decline", false)] {
            post("/manage/projects/invitation/\(path)") { active, form, context in
                try await act("/manage/projects/") {
                    let name = form["project"] ?? ""
                    if accept { return try await roles.accept(project: name, by: active.user, ip: context.clientIP) }
                    try await roles.decline(project: name, by: active.user)
                    return nil
                }
            }
        }
        registerPublishing(on: router, post: post)
        registerWebhooks(on: router, post: post)
    }

    func collaborationPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        let (detail, kind) = try await managed(active, name: name)
        let project = detail.project
        let base = "/manage/project/\(project.normalizedName)"
        let csrf = active.session.csrfToken
        var body =
            "<p><a href=\"\(base)/\">Back to \(WebPage.escape(project.name))</a></p><table id=\"collaborators\"><thead><tr><th scope=\"col\">User</th><th scope=\"col\">Role</th><th scope=\"col\">Actions</th></tr></thead><tbody>"
        for holder in try await store.roleHolders(projectID: project.id).sorted(by: { $0.username < $1.username }) {
            let user = "<input type=\"hidden\" name=\"username\" value=\"\(WebPage.escape(holder.username))\">"
            body += "<tr><td>\(WebPage.escape(holder.username))</td><td>\(holder.kind.rawValue)</td><td>"
            if kind == .owner {
                let other: RoleKind = holder.kind == .owner ? .maintainer : .owner
                body += WebPage.form(
                    action: "\(base)/roles/change/", csrf: csrf, submit: "Make \(other.rawValue)",
                    user + "<input type=\"hidden\" name=\"role\" value=\"\(other.rawValue)\">", inline: true)
                body += WebPage.form(
                    action: "\(base)/roles/remove/", csrf: csrf, submit: "Remove", user, inline: true, danger: true)
            }
            body += "</td></tr>"
        }
        body += "</tbody></table>"
        if kind == .owner {
            body +=
                "<h2>Invite a collaborator</h2>"
                + WebPage.form(
                    action: "\(base)/roles/invite/", csrf: csrf, submit: "Invite",
                    WebPage.input("username", label: "Username", extra: "required")
                        + "<p><label for=\"role\">Role</label> <select id=\"role\" name=\"role\"><option>Maintainer</option><option>Owner</option></select></p>",
                    inline: false)
        }
        return WebPage(title: "Collaborators of \(project.name)", body: body)
    }
}
