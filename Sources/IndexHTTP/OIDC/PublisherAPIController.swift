import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// Trusted publishers through the management API (token-authenticated like uploads; tokens
/// minted by publishers are refused):
///
/// - `POST /api/projects/<name>/publishers` (Owner): `{"provider": "github", "owner": ...,
///   "owner_id": ..., "repository": ..., "workflow_filename": ..., "environment": ...}`, or
///   `gitlab` (`namespace`, `project`, `workflow_filepath`), or `generic` (`issuer`, `subject`,
///   `claims` {name: value}); `issuer` defaults per provider -> `{"id": "..."}`
/// - `GET /api/projects/<name>/publishers` -> `{"publishers": [...]}`
/// - `DELETE /api/projects/<name>/publishers/<id>`
/// - `POST /api/publishers/pending` with `project_name` and the fields above -> `{"id": "..."}`
/// - `GET /api/publishers/pending`, `DELETE /api/publishers/pending/<id>`
struct PublisherAPIController: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let useCases: IndexUseCases
    let authenticator: UploadAuthenticator

    static let maximumBodyBytes = 16 << 10

    func register(on router: Router<IndexRequestContext>) {
        let manage = useCases.publishers
        let base = "/api/projects/:project/publishers"
        router.post(RouterPath(base)) { request, context in
            let (user, project) = try await authenticate(request, context)
            let stored = try await run {
                try await manage.add(project: project, try await form(request), by: user, ip: context.clientIP)
            }
            return JSONResponse.make(.ok, ["id": stored.id])
        }
        router.get(RouterPath(base)) { request, context in
            let (user, project) = try await authenticate(request, context)
            let list = try await run { try await manage.list(project: project, by: user) }
            return JSONResponse.make(.ok, ["publishers": list.map(Self.describe)])
        }
        router.delete("\(base)/:id") { request, context in
            let (user, project) = try await authenticate(request, context)
            try await run {
                try await manage.remove(
                    project: project, id: context.parameters.require("id"), by: user, ip: context.clientIP)
            }
            return JSONResponse.make(.ok, [String: Any]())
        }
        router.post("/api/publishers/pending") { request, context in
            let user = try await authenticateUnscoped(request)
            let object = await JSONResponse.object(of: request, limit: Self.maximumBodyBytes) ?? [:]
            guard let name = object["project_name"] as? String, !name.isEmpty else {
                throw MessageError(400, "Give the project_name of the project the publisher may create.")
            }
            let form = try Self.form(object)
            let stored = try await run {
                try await manage.addPending(projectName: name, form, by: user, ip: context.clientIP)
            }
            return JSONResponse.make(.ok, ["id": stored.id])
        }
        router.get("/api/publishers/pending") { request, _ in
            let user = try await authenticateUnscoped(request)
            let list = try await run { try await manage.pending(by: user) }
            return JSONResponse.make(.ok, ["publishers": list.map(Self.describe)])
        }
        router.delete("/api/publishers/pending/:id") { request, context in
            let user = try await authenticateUnscoped(request)
            try await run {
                try await manage.removePending(id: context.parameters.require("id"), by: user, ip: context.clientIP)
            }
            return JSONResponse.make(.ok, [String: Any]())
        }
    }

    /// The token's user, and the project when the token may manage it.
    private func authenticate(_ request: Request, _ context: IndexRequestContext) async throws -> (User, String) {
        let (user, token) = try await authenticator.person(authorization: request.headers[.authorization])
        let name = try context.parameters.require("project")
        _ = try await authenticator.managedProject(name, token: token, now: clock.now())
        return (user, name)
    }

    /// The token's user; a project-scoped token may not register publishers for new projects.
    private func authenticateUnscoped(_ request: Request) async throws -> User {
        let (user, token) = try await authenticator.person(authorization: request.headers[.authorization])
        guard !token.scope.isProjectScoped else {
            throw MessageError(403, "A token scoped to projects cannot register publishers for new projects.")
        }
        return user
    }

    private func run<T>(_ action: () async throws -> T) async throws -> T {
        try await MessageError.answering(action)
    }

    private func form(_ request: Request) async throws -> PublisherForm {
        guard let object = await JSONResponse.object(of: request, limit: Self.maximumBodyBytes) else {
            throw MessageError(400, "The body must be a JSON object.")
        }
        return try Self.form(object)
    }

    /// The publisher form in a JSON object: string fields, and `claims` for a generic publisher.
    static func form(_ object: [String: Any]) throws -> PublisherForm {
        var fields = object.compactMapValues { $0 as? String }
        let provider = fields.removeValue(forKey: "provider") ?? ""
        let issuer = fields.removeValue(forKey: "issuer")
        fields.removeValue(forKey: "project_name")
        var claims: [String: String] = [:]
        if let given = object["claims"] {
            guard let strings = given as? [String: String] else {
                throw MessageError(400, "The claims must be an object of strings.")
            }
            claims = strings
        }
        return PublisherForm(provider: provider, issuer: issuer, fields: fields, claims: claims)
    }

    /// A stored publisher as JSON: id, provider, issuer, project or pending name, fields.
    static func describe(_ stored: StoredPublisher) -> [String: Any] {
        var object: [String: Any] = ["id": stored.id, "issuer": stored.issuer, "created": stored.created.iso8601]
        if let name = stored.pendingProjectName { object["pending_project_name"] = name }
        if let publisher = try? TrustedPublisher(stored: stored) {
            let form = publisher.form
            object["provider"] = form.provider
            for (key, value) in form.fields { object[key] = value }
            if !form.claims.isEmpty { object["claims"] = form.claims }
        }
        return object
    }
}
