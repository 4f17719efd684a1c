import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// PyPI's observation API and the administrators' management API, for token holders whose
/// account holds a site role (observer, moderator, administrator). The token must be the user's
/// own and unscoped: a token limited to projects never acts on the whole index.
///
/// - `GET /danger-api/echo`: `{"username": ...}`
/// - `POST /danger-api/projects/<name>/observations` (`{"kind", "summary", "inspector_url"}`):
///   `202 {"project": ..., "thanks": "for the observation"}` (observers and above)
/// - `GET /api/admin/reports?status=open|resolved|all`, `POST /api/admin/reports/<id>/resolve`
///   (`{"resolution": "actioned|dismissed"}`) (moderators)
/// - `POST /api/admin/projects/<name>/quarantine` (`{"reason"}`), `.../release` (moderators);
///   `DELETE /api/admin/projects/<name>`, `POST .../transfer` (`{"username"}`) (administrators)
/// - `POST /api/admin/users/<name>/freeze|unfreeze|reset-2fa|verify-email`,
///   `PUT /api/admin/users/<name>/role` (`{"role": "none|observer|moderator|administrator"}`)
/// - `POST /api/admin/names/<name>/prohibit` (`{"comment"}`), `DELETE /api/admin/names/<name>`
/// - `GET /api/admin/flags`, `PUT /api/admin/flags/<flag>` (`{"value": "on|off"}`)
/// - `GET /api/admin/log?limit=N`
/// - `GET|POST /api/admin/webhooks`, `DELETE /api/admin/webhooks/<id>`, `.../<id>/deliveries`
///   (instance-wide webhooks, administrators)
struct AdminAPIController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let useCases: IndexUseCases
    let model: ReadModel
    let authenticator: UploadAuthenticator

    static let dangerType = "application/vnd.pypi.api-v0-danger+json"

    func register(on router: Router<IndexRequestContext>) {
        router.get("/danger-api/echo") { request, _ in
            let user = try await caller(request)
            return JSONResponse.make(.ok, ["username": user.username], contentType: Self.dangerType)
        }
        router.post("/danger-api/projects/:project/observations") { request, context in
            let user = try await caller(request)
            let fields = try await ManagementAPIController.fields(of: request)
            let report = try await refusing {
                try await useCases.report(
                    project: context.parameters.require("project"), kind: fields["kind"] ?? "",
                    summary: fields["summary"] ?? "", inspectorURL: fields["inspector_url"] ?? "", by: user, via: .api)
            }
            return JSONResponse.make(
                .accepted, ["project": report.projectName, "thanks": "for the observation"],
                contentType: Self.dangerType)
        }
        registerReports(on: router)
        registerProjects(on: router)
        registerUsers(on: router)
        registerNamesAndFlags(on: router)
        registerWebhooks(on: router)
    }

    /// The instance-wide webhooks (administrators): `GET|POST /api/admin/webhooks`,
    /// `DELETE /api/admin/webhooks/<id>`, `GET /api/admin/webhooks/<id>/deliveries`.
    private func registerWebhooks(on router: Router<IndexRequestContext>) {
        let webhooks = useCases.webhooks
        @Sendable func administrator(_ request: Request) async throws -> AdminActor {
            let actor = AdminActor.user(try await caller(request))
            try await refusing { try AdminActions.require(actor, .administrator) }
            return actor
        }
        router.get("/api/admin/webhooks") { request, _ in
            _ = try await administrator(request)
            let list = try await webhooks.listInstanceWide()
            return try WebhookAPIController.answer(["webhooks": list.map { WebhookAPIController.json($0) }])
        }
        router.post("/api/admin/webhooks") { request, _ in
            let actor = try await administrator(request)
            let (url, events) = try await WebhookAPIController.subscriptionFields(of: request)
            let made = try await refusing {
                try await useCases.admin.addWebhook(url: url, events: events, using: webhooks, by: actor)
            }
            var object = WebhookAPIController.json(made)
            object["secret"] = made.secret
            return try WebhookAPIController.answer(object, status: .created)
        }
        router.delete("/api/admin/webhooks/:id") { request, context in
            let actor = try await administrator(request)
            let id = try WebhookAPIController.id(context)
            try await refusing { try await useCases.admin.removeWebhook(id: id, using: webhooks, by: actor) }
            return try WebhookAPIController.answer([:])
        }
        router.get("/api/admin/webhooks/:id/deliveries") { request, context in
            _ = try await administrator(request)
            let id = try WebhookAPIController.id(context)
            let log = try await refusing { try await webhooks.instanceWideDeliveries(id: id) }
            return try WebhookAPIController.answer(["deliveries": log.map { WebhookAPIController.json($0) }])
        }
    }

    private func registerReports(on router: Router<IndexRequestContext>) {
        router.get("/api/admin/reports") { request, _ in
            let actor = AdminActor.user(try await caller(request))
            try await refusing { try AdminActions.require(actor, .moderator) }
            let status = request.uri.queryParameters.get("status") ?? "open"
            guard let open: Bool? = ["open": true, "resolved": false, "all": nil][status] else {
                throw MessageError(400, "Say status=open, resolved or all.")
            }
            let reports = try await store.observations(open: open, limit: 500)
            return JSONResponse.make(.ok, ["reports": reports.map(Self.json)])
        }
        action(router, .post, "/api/admin/reports/:id/resolve") { actor, fields, context in
            guard let id = Int64(try context.parameters.require("id")) else {
                throw ManageError(.notFound, "No such report.")
            }
            guard let resolution = ObservationResolution(rawValue: fields["resolution"] ?? "") else {
                throw ManageError(.invalid, "Say resolution: actioned or dismissed.")
            }
            try await useCases.admin.resolve(report: id, resolution: resolution, by: actor)
            return nil
        }
    }

    private func registerProjects(on router: Router<IndexRequestContext>) {
        let base = "/api/admin/projects/:project"
        action(router, .post, "\(base)/quarantine") { actor, fields, context in
            try await useCases.admin.quarantine(
                project: context.parameters.require("project"), reason: fields["reason"] ?? "", by: actor)
        }
        action(router, .post, "\(base)/release") { actor, _, context in
            try await useCases.admin.release(project: context.parameters.require("project"), by: actor)
        }
        action(router, .delete, base) { actor, _, context in
            try await useCases.admin.deleteProject(project: context.parameters.require("project"), by: actor)
        }
        action(router, .post, "\(base)/transfer") { actor, fields, context in
            try await useCases.admin.transfer(
                project: context.parameters.require("project"), to: fields["username"] ?? "", by: actor)
        }
    }

    private func registerUsers(on router: Router<IndexRequestContext>) {
        let base = "/api/admin/users/:username"
        let changes: [(String, @Sendable (AdminActions, String, AdminActor) async throws -> Void)] = [
            ("freeze", { try await $0.freeze(username: $1, frozen: true, by: $2) }),
            ("unfreeze", { try await $0.freeze(username: $1, frozen: false, by: $2) }),
            ("reset-2fa", { try await $0.resetTwoFactor(username: $1, by: $2) }),
            ("verify-email", { try await $0.verifyEmail(username: $1, by: $2) }),
        ]
        for (path, change) in changes {
            action(router, .post, "\(base)/\(path)") { actor, _, context in
                try await change(useCases.admin, context.parameters.require("username"), actor)
                return nil
            }
        }
        action(router, .put, "\(base)/role") { actor, fields, context in
            guard let role = SiteRole(name: fields["role"] ?? "") else {
                throw ManageError(.invalid, "Say role: none, observer, moderator or administrator.")
            }
            try await useCases.admin.setSiteRole(
                username: context.parameters.require("username"), role: role, by: actor)
            return nil
        }
    }

    private func registerNamesAndFlags(on router: Router<IndexRequestContext>) {
        action(router, .post, "/api/admin/names/:name/prohibit") { actor, fields, context in
            try await useCases.admin.prohibitName(
                context.parameters.require("name"), comment: fields["comment"] ?? "", by: actor)
            return nil
        }
        action(router, .delete, "/api/admin/names/:name") { actor, _, context in
            try await useCases.admin.allowName(context.parameters.require("name"), by: actor)
            return nil
        }
        router.get("/api/admin/flags") { request, _ in
            let actor = AdminActor.user(try await caller(request))
            try await refusing { try AdminActions.require(actor, .moderator) }
            var flags: [String: Bool] = [:]
            for flag in InstanceFlag.allCases { flags[flag.rawValue] = try await flag.isOn(in: store) }
            return JSONResponse.make(.ok, ["flags": flags])
        }
        action(router, .put, "/api/admin/flags/:flag") { actor, fields, context in
            guard let flag = InstanceFlag(rawValue: try context.parameters.require("flag")) else {
                throw ManageError(
                    .notFound,
                    "No such flag: use one of \(InstanceFlag.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let value = fields["value"], ["on", "off"].contains(value) else {
                throw ManageError(.invalid, "Say value: on or off.")
            }
            try await useCases.admin.setFlag(flag, on: value == "on", by: actor)
            return nil
        }
        router.get("/api/admin/log") { request, _ in
            let actor = AdminActor.user(try await caller(request))
            try await refusing { try AdminActions.require(actor, .moderator) }
            let limit = min(1000, max(1, Int(request.uri.queryParameters.get("limit") ?? "") ?? 100))
            let entries = try await store.adminLog(limit: limit)
            return JSONResponse.make(
                .ok,
                [
                    "log": entries.map { entry -> [String: Any] in
                        [
                            "id": entry.id, "time": entry.time.iso8601Seconds, "actor": entry.actor,
                            "action": entry.action, "target": entry.target, "details": entry.details,
                        ]
                    }
                ])
        }
    }

    /// The account behind the request's token: the user's own unscoped token, never a publisher's.
    private func caller(_ request: Request) async throws -> User {
        let (user, token) = try await authenticator.person(authorization: request.headers[.authorization])
        guard !token.scope.isProjectScoped else {
            throw MessageError(403, "A token limited to projects cannot act on the whole index.")
        }
        return user
    }

    /// An administrator's action from a JSON body; answers `{"serial": N}` or `{}`.
    private func action(
        _ router: Router<IndexRequestContext>, _ method: HTTPRequest.Method, _ path: String,
        _ body: @escaping @Sendable (AdminActor, [String: String], IndexRequestContext) async throws -> ManageResult?
    ) {
        router.on(RouterPath(path), method: method) { request, context in
            let actor = AdminActor.user(try await caller(request))
            let fields = try await ManagementAPIController.fields(of: request)
            let result = try await refusing { try await body(actor, fields, context) }
            await model.catchUp()
            await result?.removeUnreferencedBlobs(from: blobs)
            return JSONResponse.make(.ok, result.map { ["serial": $0.serial] } ?? [String: Any]())
        }
    }

    /// Runs `body`, turning the domain's refusal into the HTTP answer.
    private func refusing<T>(_ body: () async throws -> T) async throws -> T {
        try await MessageError.answering(body)
    }

    static func json(_ report: Observation) -> [String: Any] {
        [
            "id": report.id, "project": report.project, "project_name": report.projectName,
            "kind": report.kind.rawValue, "summary": report.summary, "inspector_url": report.inspectorURL,
            "reporter": report.reporter, "created": report.created.iso8601Seconds,
            "resolution": report.resolution?.rawValue ?? NSNull(), "resolved_by": report.resolvedBy,
        ]
    }
}
