import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The manage pages of organizations for their members: the user's organizations (and the
/// form that creates one), and one organization's members, teams, team project roles and the
/// transfer of a project into it. Each action runs the use case the management API runs
/// (``ManageOrganizations``), so the rules are the same; a refusal is a page with the use
/// case's message and its status, and changes nothing.
struct ManageOrganizationController: Sendable {
    let store: any IndexStore
    let useCases: IndexUseCases
    let model: ReadModel
    let account: ManageAccountController

    var tls: Bool { account.tls }

    func register(on router: Router<IndexRequestContext>) {
        router.get("/manage/organizations") { request, _ in
            let active = try await account.session(request)
            return try await organizationsPage(active).response(tls: tls)
        }
        router.get("/manage/organization/:organization") { request, context in
            let active = try await account.session(request)
            return try await answer {
                try await organizationPage(active, name: context.parameters.require("organization"))
            }
        }
        registerActions(on: router)
    }

    private func registerActions(on router: Router<IndexRequestContext>) {
        let organizations = useCases.organizations
        func post(
            _ path: String,
            _ body: @escaping @Sendable (ActiveSession, FormData, String) async throws -> Response
        ) {
            router.post(RouterPath(path)) { request, context in
                let name = context.parameters.get("organization").map(ProjectName.normalize) ?? ""
                return try await account.post(request, context) { active, form, _ in
                    try await body(active, form, name)
                }
            }
            router.get(RouterPath(path)) { _, _ in AccountController.methodNotAllowed }
        }
        post("/manage/organizations/create") { active, form, _ in
            try await act(back: "/manage/organizations/", next: { "/manage/organization/\($0.normalizedName)/" }) {
                try await organizations.create(name: form["name"] ?? "", by: active.user)
            }
        }
        let base = "/manage/organization/:organization"
        post("\(base)/members/set") { active, form, name in
            try await redirect(name) {
                guard let kind = OrganizationRole.Kind(rawValue: form["role"] ?? "") else {
                    throw ManageError(.invalid, "Choose a role: Owner, Manager or Member.")
                }
                try await organizations.setMember(
                    organization: name, username: form["username"] ?? "", kind: kind, by: active.user)
            }
        }
        post("\(base)/members/remove") { active, form, name in
            try await redirect(name) {
                try await organizations.removeMember(
                    organization: name, username: form["username"] ?? "", by: active.user)
            }
        }
        post("\(base)/teams/create") { active, form, name in
            try await redirect(name) {
                _ = try await organizations.createTeam(organization: name, team: form["team"] ?? "", by: active.user)
            }
        }
        for (path, remove) in [("add", false), ("remove", true)] {
            post("\(base)/teams/members/\(path)") { active, form, name in
                try await redirect(name) {
                    try await organizations.setTeamMember(
                        organization: name, team: form["team"] ?? "", username: form["username"] ?? "", remove: remove,
                        by: active.user)
                }
            }
        }
        post("\(base)/teams/roles/set") { active, form, name in
            try await redirect(name) {
                guard let kind = RoleKind(rawValue: form["role"] ?? "") else {
                    throw ManageError(.invalid, "Choose a role: Owner or Maintainer.")
                }
                try await organizations.setTeamRole(
                    organization: name, team: form["team"] ?? "", project: form["project"] ?? "", kind: kind,
                    by: active.user)
            }
        }
        post("\(base)/teams/roles/remove") { active, form, name in
            try await redirect(name) {
                try await organizations.setTeamRole(
                    organization: name, team: form["team"] ?? "", project: form["project"] ?? "", kind: nil,
                    by: active.user)
            }
        }
        post("\(base)/transfer") { active, form, name in
            try await redirect(name) {
                let project = form["project"] ?? ""
                guard !project.isEmpty else { throw ManageError(.invalid, "Choose a project to transfer.") }
                try await organizations.transfer(project: project, to: name, by: active.user)
            }
        }
    }

    /// Runs `action` and goes back to the organization's page, or shows the refusal.
    private func redirect(_ name: String, _ action: () async throws -> Void) async throws -> Response {
        let page = "/manage/organization/\(name)/"
        return try await act(back: page, next: { _ in page }, action)
    }

    /// Runs a use case, catches the read model up (a transfer is a journal entry) and goes to
    /// `next` of its outcome; a refusal is a page with the message and its status, linking to `back`.
    private func act<T>(back: String, next: (T) -> String, _ action: () async throws -> T) async throws -> Response {
        do {
            let value = try await action()
            await model.catchUp()
            return WebPage.redirect(next(value), tls: tls)
        } catch let error as ManageError {
            return WebPage(
                title: "Not done",
                body:
                    "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p><p><a href=\"\(WebPage.escape(back))\">Back</a></p>",
                status: error.kind.status
            ).response(tls: tls)
        }
    }

    /// A page, or the use case's refusal as a page.
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
}
