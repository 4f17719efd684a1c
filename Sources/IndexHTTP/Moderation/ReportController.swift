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
            let t = Translator(request)
            guard let project = try await store.project(normalizedName: ProjectName.normalize(name)),
                project.status != .quarantined
            else {
                return WebPage(
                    title: t("error.404.title"),
                    body: "<p class=\"error\">\(WebPage.escape(t("project.no_such", ["name": name])))</p>",
                    status: .notFound
                ).response(to: request, tls: tls)
            }
            return form(active, project: project, t: t).response(to: request, tls: tls)
        }
        router.post(RouterPath(path)) { request, context in
            try await account.post(request, context) { active, form, _ in
                let name = try context.parameters.require("project")
                let t = Translator(request)
                do {
                    let report = try await useCases.report(
                        project: name, kind: form["kind"] ?? "", summary: form["summary"] ?? "",
                        inspectorURL: form["inspector_url"] ?? "", by: active.user, via: .form)
                    return WebPage(
                        title: t("report.thanks_title"),
                        body: "<p class=\"notice\" role=\"status\" id=\"report-filed\">"
                            + "\(t.html("report.thanks", ["name": report.projectName]))</p>"
                            + "<p><a href=\"/project/\(report.project)/\">\(t.html("report.back"))</a></p>"
                    ).response(to: request, tls: tls)
                } catch let error as ManageError {
                    let again = "/project/\(ProjectName.normalize(name))/submit-malware-report/"
                    return WebPage(
                        title: t("report.not_filed"),
                        body: "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p>"
                            + "<p><a href=\"\(again)\">\(t.html("report.back_to_form"))</a></p>",
                        status: error.kind.status
                    ).response(to: request, tls: tls)
                }
            }
        }
    }

    private func form(_ active: ActiveSession, project: Project, t: Translator) -> WebPage {
        var options = ""
        for kind in ObservationKind.allCases {
            options += "<option value=\"\(kind.rawValue)\">\(t.html("report.kind.\(kind.rawValue)"))</option>"
        }
        let limit = ReportProject.maximumSummary
        let inputs =
            "<p><label for=\"report-kind\">\(t.html("report.kind_label"))</label> "
            + "<select id=\"report-kind\" name=\"kind\">\(options)</select></p>"
            + "<p><label for=\"report-summary\">\(t.html("report.summary_label", ["count": t.number(limit)]))"
            + "</label><br><textarea id=\"report-summary\" name=\"summary\" rows=\"6\" cols=\"60\" required "
            + "maxlength=\"\(limit)\"></textarea></p>"
            + "<p><label for=\"report-link\">\(t.html("report.link_label"))</label> "
            + "<input id=\"report-link\" name=\"inspector_url\" type=\"url\"></p>"
        return WebPage(
            title: t("report.title", ["name": project.name]),
            body: "<p>"
                + t.html("report.intro", markup: ["name": "<strong>\(WebPage.escape(project.name))</strong>"]) + "</p>"
                + WebPage.form(
                    action: "/project/\(project.normalizedName)/submit-malware-report/",
                    csrf: active.session.csrfToken, submit: t("report.submit"), inputs))
    }
}
