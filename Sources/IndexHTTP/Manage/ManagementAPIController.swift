import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The management API for token holders: what PyPI allows only through its web pages, made
/// scriptable. Authenticated like uploads (an API token; never a password or a session), the
/// token's project caveats must allow the project, and its user must hold the role the action
/// needs. Tokens minted by trusted publishers may only upload.
///
/// - `POST /api/projects/<name>/releases/<version>/yank` (JSON body `{"reason": "..."}`, optional)
/// - `POST /api/projects/<name>/releases/<version>/unyank`
/// - `DELETE /api/projects/<name>/releases/<version>`
/// - `DELETE /api/projects/<name>/files/<filename>`
/// - `POST /api/projects/<name>/archive`, `.../unarchive`, `.../deprecate`, `.../undeprecate`
///   (PEP 792, Owners)
/// - `POST /api/projects/<name>/upstream-merge/allow`, `.../upstream-merge/disallow` (Owners: list
///   the proxied upstream's files of the same name beside the hosted ones)
/// - `POST /api/projects/<name>/roles` (`{"username": "...", "role": "Owner|Maintainer"}`: an
///   invitation), `PUT /api/projects/<name>/roles/<username>` (`{"role": ...}`),
///   `DELETE /api/projects/<name>/roles/<username>`
/// - `POST /api/projects/<name>/invitation/accept`, `POST /api/projects/<name>/invitation/decline`
///
/// Answers `200 {"serial": N}` (or `{}`), errors Warehouse style (message in the status line
/// and the plain-text body).
struct ManagementAPIController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let clock: any IndexClock
    let useCases: IndexUseCases
    let model: ReadModel
    let authenticator: UploadAuthenticator

    func register(on router: Router<IndexRequestContext>) {
        let base = "/api/projects/:project"
        router.post("\(base)/releases/:version/yank") { request, context in
            try await run(request, context) { user, fields in
                let reason = fields["reason"]
                return try await useCases.yank.yank(
                    project: context.parameters.require("project"), version: context.parameters.require("version"),
                    reason: reason ?? "", by: user)
            }
        }
        router.post("\(base)/releases/:version/unyank") { request, context in
            try await run(request, context) { user, fields in
                try await useCases.yank.unyank(
                    project: context.parameters.require("project"), version: context.parameters.require("version"),
                    by: user)
            }
        }
        router.delete("\(base)/releases/:version") { request, context in
            try await run(request, context) { user, fields in
                try await useCases.deleteRelease(
                    project: context.parameters.require("project"), version: context.parameters.require("version"),
                    by: user)
            }
        }
        router.delete("\(base)/files/:filename") { request, context in
            try await run(request, context) { user, fields in
                try await useCases.deleteFile(
                    project: context.parameters.require("project"), filename: context.parameters.require("filename"),
                    by: user)
            }
        }
        for change in OwnerStatusChange.allCases {
            router.post("\(base)/\(change.rawValue)") { request, context in
                try await run(request, context) { user, fields in
                    try await useCases.archive(project: context.parameters.require("project"), change: change, by: user)
                }
            }
        }
        for (path, merged) in [("allow", true), ("disallow", false)] {
            router.post("\(base)/upstream-merge/\(path)") { request, context in
                try await run(request, context) { user, fields in
                    try await useCases.upstreamMerge(
                        project: context.parameters.require("project"), merged: merged, by: user)
                }
            }
        }
        registerRoles(on: router, base: base)
        router.get("\(base)/events") { request, context in
            let token = try await authenticator.token(authorization: request.headers[.authorization])
            guard token.record.publisherID == nil, let user = token.user else {
                throw MessageError(403, "Tokens minted by trusted publishers can only upload.")
            }
            let name = try context.parameters.require("project")
            if let project = try await store.project(normalizedName: ProjectName.normalize(name)),
                !token.scope.permits(project, now: clock.now())
            {
                throw MessageError(403, "The given token isn't allowed to manage project '\(project.name)'.")
            }
            let events: [SecurityEvent]
            do {
                events = try await useCases.projectEvents(project: name, by: user)
            } catch let error as ManageError {
                throw MessageError(error.kind, error.message)
            }
            let list: [[String: Any]] = events.map { event in
                ["tag": event.tag, "time": event.time.iso8601Seconds, "ip": event.ip, "details": event.details]
            }
            let data = try JSONSerialization.data(withJSONObject: ["events": list], options: [.sortedKeys])
            return Response(
                status: .ok, headers: [.contentType: "application/json", .contentLength: String(data.count)],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    private func registerRoles(on router: Router<IndexRequestContext>, base: String) {
        let roles = useCases.roles
        router.post("\(base)/roles") { request, context in
            try await run(request, context) { user, fields in
                guard let username = fields["username"], let kind = RoleKind(rawValue: fields["role"] ?? "")
                else { throw MessageError(400, "Give a username and a role (Owner or Maintainer).") }
                try await roles.invite(
                    project: context.parameters.require("project"), username: username, kind: kind, by: user,
                    ip: context.clientIP)
                return nil
            }
        }
        router.put("\(base)/roles/:username") { request, context in
            try await run(request, context) { user, fields in
                guard let kind = RoleKind(rawValue: fields["role"] ?? "") else {
                    throw MessageError(400, "Give a role (Owner or Maintainer).")
                }
                return try await roles.change(
                    project: context.parameters.require("project"), username: context.parameters.require("username"),
                    to: kind, by: user, ip: context.clientIP)
            }
        }
        router.delete("\(base)/roles/:username") { request, context in
            try await run(request, context) { user, fields in
                try await roles.remove(
                    project: context.parameters.require("project"), username: context.parameters.require("username"),
                    by: user, ip: context.clientIP)
            }
        }
        router.post("\(base)/invitation/accept") { request, context in
            try await run(request, context, requireScope: false) { user, _ in
                try await roles.accept(project: context.parameters.require("project"), by: user, ip: context.clientIP)
            }
        }
        router.post("\(base)/invitation/decline") { request, context in
            try await run(request, context, requireScope: false) { user, _ in
                try await roles.decline(project: context.parameters.require("project"), by: user)
                return nil
            }
        }
    }

    /// Authenticates, checks the token's scope against the project, runs `action` as the
    /// token's user, removes blobs a deletion left, and answers.
    private func run(
        _ request: Request, _ context: IndexRequestContext, requireScope: Bool = true,
        _ action: (User, [String: String]) async throws -> ManageResult?
    ) async throws -> Response {
        let (user, token) = try await authenticator.person(authorization: request.headers[.authorization])
        let name = try context.parameters.require("project")
        if requireScope || token.scope.isProjectScoped {
            _ = try await authenticator.managedProject(name, token: token, now: clock.now())
        }
        let fields = try await Self.fields(of: request)
        let result = try await MessageError.answering { try await action(user, fields) }
        await model.catchUp()
        await result?.removeUnreferencedBlobs(from: blobs)
        let body = ByteBuffer(string: result.map { "{\"serial\": \($0.serial)}" } ?? "{}")
        return Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body))
    }

    /// The string fields of the request's JSON object body (at most 64 KiB; empty body: none).
    static func fields(of request: Request) async throws -> [String: String] {
        var body = try await request.body.collect(upTo: 64 << 10)
        guard body.readableBytes > 0, let bytes = body.readBytes(length: body.readableBytes) else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw MessageError(400, "The body must be a JSON object.")
        }
        return object.compactMapValues { $0 as? String }
    }
}
