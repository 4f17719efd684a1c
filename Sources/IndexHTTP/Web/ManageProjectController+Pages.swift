import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

extension ManageProjectController {
    /// The project and the visitor's effective role on it; refused unless they have one.
    func managed(_ active: ActiveSession, name: String) async throws -> (ProjectDetail, RoleKind) {
        guard let detail = try await store.projectDetail(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError(.notFound, "Project '\(name)' does not exist.")
        }
        let roles = try await store.effectiveRoles(projectID: detail.project.id)
        guard let role = roles.first(where: { $0.userID == active.user.id }) else {
            throw ManageError(.forbidden, "You are not an Owner or Maintainer of '\(detail.project.name)'.")
        }
        return (detail, role.kind)
    }

    func projectPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        let (detail, kind) = try await managed(active, name: name)
        let project = detail.project
        let slug = project.normalizedName
        let base = "/manage/project/\(slug)"
        let csrf = active.session.csrfToken
        var body =
            "<p>Your role: <strong>\(kind.rawValue)</strong>. Status: <strong id=\"project-status\">\(project.status.rawValue)</strong>. <a href=\"/project/\(slug)/\">View the public page</a></p>"
        if project.status == .quarantined {
            body +=
                "<p class=\"error\" role=\"status\" id=\"quarantine-notice\">This project is quarantined by the index's "
                + "moderators: installers cannot see it and it cannot be changed until they release it. "
                + "Its files and releases stay as they were.</p>"
        }
        body +=
            "<h2>Releases</h2><table id=\"releases\"><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Released</th><th scope=\"col\">Files</th><th scope=\"col\">State</th><th scope=\"col\">Actions</th></tr></thead><tbody>"
        let history = ProjectPageModel(detail, roles: [])?.history ?? []
        for release in history {
            let version = PercentEncoding.encodePathSegment(release.version)
            let files = detail.files.filter { $0.releaseID == release.id }.count
            body += "<tr><td><a href=\"\(base)/release/\(version)/\">\(WebPage.escape(release.version))</a></td>"
            body += "<td>\(release.created.iso8601Seconds.prefix(10))</td><td>\(files)</td>"
            body +=
                "<td>"
                + (release.yanked
                    ? "<span class=\"tag yanked\">yanked</span> \(WebPage.escape(release.yankedReason))" : "live")
                + "</td><td>"
            if release.yanked {
                body += WebPage.form(
                    action: "\(base)/release/\(version)/unyank/", csrf: csrf, submit: "Un-yank", "", inline: true)
            } else {
                body += WebPage.form(
                    action: "\(base)/release/\(version)/yank/", csrf: csrf, submit: "Yank",
                    "<label for=\"reason-\(release.id)\" class=\"visually-hidden\">Reason for yanking \(WebPage.escape(release.version))</label><input id=\"reason-\(release.id)\" name=\"reason\" placeholder=\"Reason (optional)\"> ",
                    inline: true)
            }
            body += "</td></tr>"
        }
        body += "</tbody></table>"
        body +=
            "<p><a href=\"\(base)/collaboration/\">Collaborators</a> · <a href=\"\(base)/publishing/\">Trusted publishers</a>"
            + (kind == .owner ? " · <a href=\"\(base)/webhooks/\">Webhooks</a>" : "") + "</p>"
        guard kind == .owner else { return WebPage(title: "Manage \(project.name)", body: body) }
        body += "<h2>Archive</h2><p>An archived project shows a banner and takes no new uploads (PEP 792).</p>"
        body +=
            project.status == .archived
            ? WebPage.form(action: "\(base)/unarchive/", csrf: csrf, submit: "Unarchive project", "", inline: false)
            : WebPage.form(action: "\(base)/archive/", csrf: csrf, submit: "Archive project", "", inline: false)
        body +=
            "<h2>Deprecate</h2><p>A deprecated project stays installable; its page and the simple API tell users "
            + "not to use it (PEP 792).</p>"
        body +=
            project.status == .deprecated
            ? WebPage.form(action: "\(base)/undeprecate/", csrf: csrf, submit: "Undeprecate project", "", inline: false)
            : WebPage.form(action: "\(base)/deprecate/", csrf: csrf, submit: "Deprecate project", "", inline: false)
        body +=
            "<h2>Delete the project</h2><div class=\"banner bad\"><p>Deleting removes every release and file. <strong>The filenames can never be used again</strong>, by anyone, and the name is kept for its Owners for 30 days.</p></div>"
        body += WebPage.form(
            action: "\(base)/delete/", csrf: csrf, submit: "Delete project",
            WebPage.input(
                "confirm", label: "Type the project name (\(project.name)) to confirm",
                extra: "required autocomplete=\"off\""),
            inline: false, danger: true)
        return WebPage(title: "Manage \(project.name)", body: body)
    }

    func releasePage(_ active: ActiveSession, name: String, version: String) async throws -> WebPage {
        let (detail, _) = try await managed(active, name: name)
        let project = detail.project
        guard let release = detail.releases.first(where: { $0.canonicalVersion == Version.canonicalize(version) })
        else {
            throw ManageError(.notFound, "'\(project.name)' has no release \(version).")
        }
        let base =
            "/manage/project/\(project.normalizedName)/release/\(PercentEncoding.encodePathSegment(release.version))"
        let csrf = active.session.csrfToken
        var body =
            "<p><a href=\"/manage/project/\(project.normalizedName)/\">All releases of \(WebPage.escape(project.name))</a></p>"
        if release.yanked {
            body += "<p><span class=\"tag yanked\">yanked</span> \(WebPage.escape(release.yankedReason))</p>"
            body += WebPage.form(action: "\(base)/unyank/", csrf: csrf, submit: "Un-yank", "", inline: false)
        } else {
            body += WebPage.form(
                action: "\(base)/yank/", csrf: csrf, submit: "Yank release",
                WebPage.input("reason", label: "Reason for yanking (shown to installers)"), inline: false)
        }
        body +=
            "<h2>Files</h2><div class=\"banner\">A deleted file's name can never be uploaded again: publish a new version instead.</div><table id=\"files\"><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Size</th><th scope=\"col\">Delete</th></tr></thead><tbody>"
        for file in detail.files where file.releaseID == release.id {
            body +=
                "<tr><td>\(WebPage.escape(file.filename))</td><td>\(ProjectPageHTML.size(file.upload.size))</td><td>"
            body += WebPage.form(
                action: "/manage/project/\(project.normalizedName)/file/delete/", csrf: csrf, submit: "Delete file",
                "<input type=\"hidden\" name=\"filename\" value=\"\(WebPage.escape(file.filename))\">"
                    + "<label>Type the filename to confirm <input name=\"confirm\" required autocomplete=\"off\"></label> ",
                inline: false, danger: true)
            body += "</td></tr>"
        }
        body += "</tbody></table><h2>Delete the release</h2>"
        body += WebPage.form(
            action: "\(base)/delete/", csrf: csrf, submit: "Delete release",
            WebPage.input(
                "confirm", label: "Type the version (\(release.version)) to confirm",
                extra: "required autocomplete=\"off\""),
            inline: false, danger: true)
        return WebPage(title: "\(project.name) \(release.version)", body: body)
    }
}
