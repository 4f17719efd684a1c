import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The manage pages of a project for its Owners and Maintainers: releases (yank with a
/// reason, unyank, delete), files (delete), collaborators (invite, change, remove),
/// archive, deletion of the project, trusted publishers. Each action runs the same use case
/// as the management API, so the rules (who may do what) are the same; deletions must be
/// confirmed by typing the name, and warn that filenames can never be used again.
struct ManageProjectController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let useCases: IndexUseCases
    let model: ReadModel
    let account: ManageAccountController

    var tls: Bool { account.tls }

    func register(on router: Router<IndexRequestContext>) {
        router.get("/manage/projects") { request, _ in
            let active = try await account.session(request)
            return try await projectsPage(active).response(tls: tls)
        }
        router.get("/manage/project/:project") { request, context in
            let active = try await account.session(request)
            return try await answer { try await projectPage(active, name: context.parameters.require("project")) }
        }
        router.get("/manage/project/:project/release/:version") { request, context in
            let active = try await account.session(request)
            return try await answer {
                try await releasePage(
                    active, name: context.parameters.require("project"),
                    version: context.parameters.require("version"))
            }
        }
        registerActions(on: router)
    }

    /// The project page of the manage area, or the use case's refusal as a page.
    func answer(_ body: () async throws -> WebPage) async throws -> Response {
        do {
            return try await body().response(tls: tls)
        } catch let error as ManageError {
            return WebPage(
                title: "Not allowed", body: "<p class=\"error\">\(WebPage.escape(error.message))</p>",
                status: error.kind.status
            ).response(tls: tls)
        }
    }

    /// Runs a use case from a form, removes blobs it left unreferenced, catches the read model
    /// up, and goes to `next` with the outcome in the page.
    func act(_ next: String, _ action: () async throws -> ManageResult?) async throws -> Response {
        do {
            let result = try await action()
            await model.catchUp()
            await result?.removeUnreferencedBlobs(from: blobs)
            return WebPage.redirect(next, tls: tls)
        } catch let error as ManageError {
            return WebPage(
                title: "Not done",
                body:
                    "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p><p><a href=\"\(WebPage.escape(next))\">Back</a></p>",
                status: error.kind.status
            ).response(tls: tls)
        }
    }

    private func projectsPage(_ active: ActiveSession) async throws -> WebPage {
        let csrf = active.session.csrfToken
        var body = ""
        let invitations = try await store.invitations(userID: active.user.id)
        if !invitations.isEmpty {
            body += "<h2>Invitations</h2><ul class=\"results\">"
            for invitation in invitations {
                guard let project = try await store.project(id: invitation.projectID) else { continue }
                let hidden =
                    "<input type=\"hidden\" name=\"project\" value=\"\(WebPage.escape(project.normalizedName))\">"
                body +=
                    "<li>\(WebPage.escape(project.name)) as \(invitation.kind.rawValue) "
                    + WebPage.form(
                        action: "/manage/projects/invitation/accept/", csrf: csrf, submit: "Accept", hidden,
                        inline: true)
                    + WebPage.form(
                        action: "/manage/projects/invitation/decline/", csrf: csrf, submit: "Decline", hidden,
                        inline: true)
                    + "</li>"
            }
            body += "</ul>"
        }
        var rows: [(Project, RoleKind)] = []
        for role in try await store.roles(userID: active.user.id) {
            if let project = try await store.project(id: role.projectID) { rows.append((project, role.kind)) }
        }
        rows.sort { $0.0.normalizedName < $1.0.normalizedName }
        body +=
            "<table id=\"projects\"><thead><tr><th scope=\"col\">Project</th><th scope=\"col\">Your role</th><th scope=\"col\">Status</th></tr></thead><tbody>"
        for (project, kind) in rows {
            body +=
                "<tr><td><a href=\"/manage/project/\(project.normalizedName)/\">\(WebPage.escape(project.name))</a></td>"
                + "<td>\(kind.rawValue)</td><td>\(project.status.rawValue)</td></tr>"
        }
        body += "</tbody></table>"
        if rows.isEmpty {
            body += "<p class=\"muted\">You have no projects yet. Upload one with twine and an API token.</p>"
        }
        return WebPage(title: "Your projects", body: body)
    }
}

extension WebPage {
    /// A POST form, optionally inline, with the CSRF field.
    static func form(action: String, csrf: String, submit: String, _ inputs: String, inline: Bool, danger: Bool = false)
        -> String
    {
        "<form method=\"post\" action=\"\(escape(action))\"\(inline ? " class=\"inline\"" : "")>"
            + "<input type=\"hidden\" name=\"csrf_token\" value=\"\(escape(csrf))\">"
            + inputs + "<button type=\"submit\"\(danger ? " class=\"danger\"" : "")>\(escape(submit))</button></form>\n"
    }
}
