import Hummingbird
import IndexCore
import PythonPackaging

/// The report form of a project (PyPI's `/project/<name>/submit-malware-report/`): a signed-in
/// account with a verified address tells the moderators what it found. The report waits in the
/// queue (`/admin/reports/`); the project is unchanged until a moderator acts.
struct ReportController: Sendable {
    let store: any IndexStore
    let useCases: IndexUseCases
    let account: ManageAccountController

    var tls: Bool { account.tls }

    func register(on router: Router<IndexRequestContext>) {
        let path = "/project/:project/submit-malware-report"
        router.get(RouterPath(path)) { request, context in
            let active = try await account.session(request)
            let name = try context.parameters.require("project")
            guard let project = try await store.project(normalizedName: ProjectName.normalize(name)),
                project.status != .quarantined
            else {
                return WebPage(
                    title: "Not found",
                    body: "<p class=\"error\">Project '\(WebPage.escape(name))' does not exist.</p>",
                    status: .notFound
                ).response(tls: tls)
            }
            return form(active, project: project).response(tls: tls)
        }
        router.post(RouterPath(path)) { request, context in
            try await account.post(request, context) { active, form, _ in
                let name = try context.parameters.require("project")
                do {
                    let report = try await useCases.report(
                        project: name, kind: form["kind"] ?? "", summary: form["summary"] ?? "",
                        inspectorURL: form["inspector_url"] ?? "", by: active.user, via: .form)
                    return WebPage(
                        title: "Thank you",
                        body: "<p class=\"notice\" role=\"status\" id=\"report-filed\">Your report about "
                            + "\(WebPage.escape(report.projectName)) was received. The index's moderators will look at it.</p>"
                            + "<p><a href=\"/project/\(report.project)/\">Back to the project</a></p>"
                    ).response(tls: tls)
                } catch let error as ManageError {
                    return WebPage(
                        title: "Report not filed",
                        body: "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p>"
                            + "<p><a href=\"/project/\(ProjectName.normalize(name))/submit-malware-report/\">Back to the form</a></p>",
                        status: error.kind.status
                    ).response(tls: tls)
                }
            }
        }
    }

    private func form(_ active: ActiveSession, project: Project) -> WebPage {
        var options = ""
        for kind in ObservationKind.allCases {
            options += "<option value=\"\(kind.rawValue)\">\(kind.label)</option>"
        }
        let inputs =
            "<p><label for=\"report-kind\">What is wrong</label> <select id=\"report-kind\" name=\"kind\">\(options)</select></p>"
            + "<p><label for=\"report-summary\">What you found (at most \(ReportProject.maximumSummary) characters)</label><br>"
            + "<textarea id=\"report-summary\" name=\"summary\" rows=\"6\" cols=\"60\" required "
            + "maxlength=\"\(ReportProject.maximumSummary)\"></textarea></p>"
            + "<p><label for=\"report-link\">A link to the code in question (optional)</label> "
            + "<input id=\"report-link\" name=\"inspector_url\" type=\"url\"></p>"
        return WebPage(
            title: "Report \(project.name)",
            body:
                "<p>Tell the moderators of this index what is wrong with <strong>\(WebPage.escape(project.name))</strong>: "
                + "malware, spam, or a name squatting on a private package. They will review it and may quarantine the project.</p>"
                + WebPage.form(
                    action: "/project/\(project.normalizedName)/submit-malware-report/",
                    csrf: active.session.csrfToken, submit: "Submit the report", inputs))
    }
}
