import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// Organizations through the management API (an unscoped API token of a member):
///
/// - `POST /api/organizations` `{"name": ...}`
/// - `PUT|DELETE /api/organizations/<org>/members/<username>` (`{"role": "Owner|Manager|Member"}`)
/// - `POST /api/organizations/<org>/teams` `{"name": ...}`
/// - `PUT|DELETE /api/organizations/<org>/teams/<team>/members/<username>`
/// - `PUT|DELETE /api/organizations/<org>/teams/<team>/projects/<project>` (`{"role": "Owner|Maintainer"}`)
/// - `POST /api/projects/<name>/transfer` `{"organization": ...}` (empty or absent: out of its organization)
struct OrganizationAPIController: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let useCases: IndexUseCases
    let model: ReadModel
    let authenticator: UploadAuthenticator

    func register(on router: Router<IndexRequestContext>) {
        let organizations = useCases.organizations
        router.post("/api/organizations") { request, _ in
            try await run(request) { user, fields in
                _ = try await organizations.create(name: fields["name"] ?? "", by: user)
            }
        }
        let base = "/api/organizations/:organization"
        for method in [HTTPRequest.Method.put, .delete] {
            router.on(RouterPath("\(base)/members/:username"), method: method) { request, context in
                try await run(request) { user, fields in
                    let (name, username) = try (
                        context.parameters.require("organization"), context.parameters.require("username")
                    )
                    if method == .delete {
                        try await organizations.removeMember(organization: name, username: username, by: user)
                    } else {
                        guard let kind = OrganizationRole.Kind(rawValue: fields["role"] ?? "") else {
                            throw MessageError(400, "Give a role: Owner, Manager or Member.")
                        }
                        try await organizations.setMember(organization: name, username: username, kind: kind, by: user)
                    }
                }
            }
            router.on(RouterPath("\(base)/teams/:team/members/:username"), method: method) { request, context in
                try await run(request) { user, _ in
                    try await organizations.setTeamMember(
                        organization: context.parameters.require("organization"),
                        team: context.parameters.require("team"),
                        username: context.parameters.require("username"), remove: method == .delete, by: user)
                }
            }
            router.on(RouterPath("\(base)/teams/:team/projects/:project"), method: method) { request, context in
                try await run(request) { user, fields in
                    var kind: RoleKind?
                    if method == .put {
                        guard let parsed = RoleKind(rawValue: fields["role"] ?? "") else {
                            throw MessageError(400, "Give a role: Owner or Maintainer.")
                        }
                        kind = parsed
                    }
                    try await organizations.setTeamRole(
                        organization: context.parameters.require("organization"),
                        team: context.parameters.require("team"),
                        project: context.parameters.require("project"), kind: kind, by: user)
                }
            }
        }
        router.post(RouterPath("\(base)/teams")) { request, context in
            try await run(request) { user, fields in
                _ = try await organizations.createTeam(
                    organization: context.parameters.require("organization"), team: fields["name"] ?? "", by: user)
            }
        }
        router.post("/api/projects/:project/transfer") { request, context in
            try await run(request, project: context.parameters.get("project")) { user, fields in
                let destination = fields["organization"].flatMap { $0.isEmpty ? nil : $0 }
                try await organizations.transfer(
                    project: context.parameters.require("project"), to: destination, by: user)
            }
        }
    }

    /// Authenticates (unscoped user tokens only, or a scope that allows `project`), runs `action`.
    private func run(
        _ request: Request, project: String? = nil, _ action: (User, [String: String]) async throws -> Void
    ) async throws -> Response {
        let token = try await authenticator.token(authorization: request.headers[.authorization])
        guard token.record.publisherID == nil, let user = token.user else {
            throw MessageError(403, "Tokens minted by trusted publishers can only upload.")
        }
        if token.scope.isProjectScoped {
            guard let project, let found = try await store.project(normalizedName: ProjectName.normalize(project)),
                token.scope.permits(found, now: clock.now())
            else { throw MessageError(403, "A project-scoped token cannot manage organizations.") }
        }
        let fields = try await ManagementAPIController.fields(of: request)
        do {
            try await action(user, fields)
        } catch let error as ManageError {
            throw MessageError(error.kind, error.message)
        }
        await model.catchUp()
        let body = ByteBuffer(string: "{}")
        return Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body))
    }
}
