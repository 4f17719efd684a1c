import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

/// The management API of a project's webhooks, for its Owners (authenticated as the rest of the
/// management API: an API token whose scope allows the project):
///
/// - `POST /api/projects/<name>/webhooks` (`{"url": "...", "events": ["release.published", ...]}`)
///   answers `201 {"id", "url", "events", "secret", "created"}`: the secret is shown this once
/// - `GET /api/projects/<name>/webhooks`: `{"webhooks": [...]}`, without secrets
/// - `DELETE /api/projects/<name>/webhooks/<id>`: `{}`
/// - `GET /api/projects/<name>/webhooks/<id>/deliveries`: `{"deliveries": [...]}`, newest first
struct WebhookAPIController: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let webhooks: ManageWebhooks
    let authenticator: UploadAuthenticator

    func register(on router: Router<IndexRequestContext>) {
        let base = "/api/projects/:project/webhooks"
        router.post(RouterPath(base)) { request, context in
            let (user, name) = try await authorize(request, context)
            let (url, events) = try await Self.subscriptionFields(of: request)
            let made = try await domain { try await webhooks.add(project: name, url: url, events: events, by: user) }
            var object = Self.json(made)
            object["secret"] = made.secret
            return try Self.answer(object, status: .created)
        }
        router.get(RouterPath(base)) { request, context in
            let (user, name) = try await authorize(request, context)
            let list = try await domain { try await webhooks.list(project: name, by: user) }
            return try Self.answer(["webhooks": list.map { Self.json($0) }])
        }
        router.delete("\(base)/:id") { request, context in
            let (user, name) = try await authorize(request, context)
            let id = try Self.id(context)
            try await domain { try await webhooks.remove(project: name, id: id, by: user) }
            return try Self.answer([:])
        }
        router.get("\(base)/:id/deliveries") { request, context in
            let (user, name) = try await authorize(request, context)
            let id = try Self.id(context)
            let (_, log) = try await domain { try await webhooks.deliveries(project: name, id: id, by: user) }
            return try Self.answer(["deliveries": log.map { Self.json($0) }])
        }
    }

    /// The token's user and the project named in the path, after the token's checks.
    private func authorize(_ request: Request, _ context: IndexRequestContext) async throws -> (User, String) {
        let (user, token) = try await authenticator.person(authorization: request.headers[.authorization])
        let name = try context.parameters.require("project")
        _ = try await authenticator.managedProject(name, token: token, now: clock.now())
        return (user, name)
    }

    private func domain<T>(_ body: () async throws -> T) async throws -> T {
        try await MessageError.answering(body)
    }

    static func id(_ context: IndexRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else {
            throw MessageError(404, "Webhook \(try context.parameters.require("id")) does not exist.")
        }
        return id
    }

    /// `url` and `events` (an array of event names, or one string of names) of the JSON body.
    static func subscriptionFields(of request: Request) async throws -> (String, Set<WebhookEvent>) {
        var body = try await request.body.collect(upTo: 64 << 10)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw MessageError(400, "The body must be a JSON object with a url and events.")
        }
        guard let url = object["url"] as? String else { throw MessageError(400, "Give the webhook's url.") }
        let names: String
        if let list = object["events"] as? [String] {
            names = list.joined(separator: ",")
        } else if let text = object["events"] as? String {
            names = text
        } else {
            names = ""
        }
        guard let events = WebhookEvent.parseList(names) else {
            throw MessageError(
                400,
                "Give the events to send, among: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")) "
                    + "(or all).")
        }
        return (url, events)
    }

    static func json(_ subscription: WebhookSubscription) -> [String: Any] {
        [
            "id": subscription.id, "url": subscription.url, "events": subscription.events.sorted().map(\.rawValue),
            "created": subscription.created.iso8601, "created_by": subscription.createdBy,
        ]
    }

    static func json(_ delivery: WebhookDelivery) -> [String: Any] {
        [
            "delivery": delivery.deliveryID, "event": delivery.event.rawValue, "time": delivery.time.iso8601,
            "attempt": delivery.attempt, "status": delivery.statusCode.map { $0 as Any } ?? NSNull(),
            "error": delivery.error.map { $0 as Any } ?? NSNull(), "duration": delivery.duration,
            "succeeded": delivery.succeeded,
        ]
    }

    static func answer(_ object: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: status, headers: [.contentType: "application/json", .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
