import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

extension ManageProjectController {
    /// GitHub, GitLab or generic publishers: the same fields as the management API.
    static let publisherFields: [(String, String, Bool)] = [
        ("repository_owner", "Owner (user or organization)", true),
        ("repository_owner_id", "Owner's numeric id (GitHub)", false),
        ("repository", "Repository (GitHub) or project path (GitLab)", true),
        ("workflow_filename", "Workflow file (e.g. release.yml) or CI file path (GitLab)", true),
        ("environment", "Environment (optional)", false),
    ]

    func registerPublishing(on router: Router<IndexRequestContext>, post: Post) {
        let base = "/manage/project/:project"
        let manage = useCases.publishers
        router.get("\(base)/publishing") { request, context in
            let active = try await account.session(request)
            return try await answer { try await publishingPage(active, name: context.parameters.require("project")) }
        }
        post("\(base)/publishing/add") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/publishing/") {
                var fields: [String: String] = [:]
                for (field, _, _) in Self.publisherFields {
                    if let value = form[field], !value.isEmpty { fields[field] = value }
                }
                let publisherForm = PublisherForm(provider: form["provider"] ?? "github", fields: fields)
                _ = try await manage.add(project: name, publisherForm, by: active.user, ip: context.clientIP)
                return nil
            }
        }
        post("\(base)/publishing/remove") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/publishing/") {
                try await manage.remove(project: name, id: form["publisher_id"] ?? "", by: active.user, ip: context.clientIP)
                return nil
            }
        }
    }

    func publishingPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        let (detail, _) = try await managed(active, name: name)
        let project = detail.project
        let base = "/manage/project/\(project.normalizedName)"
        let csrf = active.session.csrfToken
        let manage = useCases.publishers
        var body = "<p><a href=\"\(base)/\">Back to \(WebPage.escape(project.name))</a></p>"
        body += "<p>A trusted publisher lets a CI workflow upload with a short-lived token instead of a stored API token.</p>"
        body += "<table id=\"publishers\"><thead><tr><th scope=\"col\">Issuer</th><th scope=\"col\">Definition</th><th scope=\"col\"></th></tr></thead><tbody>"
        for publisher in try await manage.list(project: project.normalizedName, by: active.user) {
            body += "<tr><td>\(WebPage.escape(publisher.issuer))</td><td><code>\(WebPage.escape(publisher.definition))</code></td><td>"
            body += WebPage.form(
                action: "\(base)/publishing/remove/", csrf: csrf, submit: "Remove",
                "<input type=\"hidden\" name=\"publisher_id\" value=\"\(WebPage.escape(publisher.id))\">", inline: true,
                danger: true)
            body += "</td></tr>"
        }
        body += "</tbody></table><h2>Add a publisher</h2>"
        var inputs = "<p><label for=\"provider\">Provider</label> <select id=\"provider\" name=\"provider\"><option value=\"github\">GitHub Actions</option><option value=\"gitlab\">GitLab CI/CD</option></select></p>"
        for (field, label, required) in Self.publisherFields {
            inputs += WebPage.input(field, label: label, extra: required ? "required" : "")
        }
        body += WebPage.form(action: "\(base)/publishing/add/", csrf: csrf, submit: "Add publisher", inputs, inline: false)
        return WebPage(title: "Trusted publishers of \(project.name)", body: body)
    }
}
