import IndexCore
import PythonPackaging

/// The HTML of an organization's public page (`/org/<name>/`): its name, when it was created,
/// its members with their roles (a table) and its projects with their latest version and
/// summary. Everything from the database is escaped.
struct OrganizationPageHTML {
    let model: OrganizationPageModel
    /// The reader's language, and the page's path (where the language picker returns).
    let t: Translator
    let path: String

    func render() -> String {
        let organization = model.organization
        let created = String(organization.created.iso8601Seconds.prefix(10))
        var body = "<p class=\"muted\">\(t.html("org.created", ["date": created]))</p>"
        body += "<section aria-labelledby=\"projects-heading\"><h2 id=\"projects-heading\">"
        body += "\(t.pluralHTML("org.projects", model.projects.count))</h2>"
        if model.projects.isEmpty {
            body += "<p class=\"muted\">\(t.html("org.no_projects"))</p>"
        } else {
            body += "<ul class=\"results\" id=\"organization-projects\">"
            for project in model.projects {
                body +=
                    "<li><a class=\"name\" href=\"/project/\(project.normalizedName)/\">\(esc(project.name))</a> "
                    + "<span class=\"version\">\(esc(project.version))</span>"
                if !project.summary.isEmpty { body += "<p>\(esc(project.summary))</p>" }
                body += "</li>"
            }
            body += "</ul>"
        }
        body += "</section><section aria-labelledby=\"members-heading\"><h2 id=\"members-heading\">\(t.html("org.members"))</h2>"
        body +=
            "<table id=\"organization-members\"><thead><tr><th scope=\"col\">\(t.html("org.user"))</th><th scope=\"col\">\(t.html("org.role"))</th></tr></thead><tbody>"
        for member in model.members {
            let path = PercentEncoding.encodePathSegment(member.username)
            body +=
                "<tr><td><a href=\"/user/\(path)/\">\(esc(member.username))</a></td><td>\(member.kind.rawValue)</td></tr>"
        }
        body += "</tbody></table></section>"
        return SiteLayout.document(t, path: path, title: organization.name, heading: organization.name, body: body)
    }

    private func esc(_ text: String) -> String { WebPage.escape(text) }
}
