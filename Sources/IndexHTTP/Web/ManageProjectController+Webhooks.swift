import HTTPTypes
import Hummingbird
import IndexCore
import PythonPackaging

extension ManageProjectController {
    func registerWebhooks(on router: Router<IndexRequestContext>, post: Post) {
        let base = "/manage/project/:project/webhooks"
        let manage = useCases.webhooks
        router.get(RouterPath(base)) { request, context in
            let active = try await account.session(request)
            return try await answer { try await webhooksPage(active, name: context.parameters.require("project")) }
        }
        router.get("\(base)/:id") { request, context in
            let active = try await account.session(request)
            return try await answer {
                let id = Int64(try context.parameters.require("id")) ?? -1
                return try await deliveriesPage(active, name: context.parameters.require("project"), id: id)
            }
        }
        post("\(base)/add") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            let events = Set(WebhookEvent.allCases.filter { form["event-\($0.rawValue)"] != nil })
            do {
                let made = try await manage.add(project: name, url: form["url"] ?? "", events: events, by: active.user)
                return Self.secretPage(made, back: "/manage/project/\(name)/webhooks/").response(tls: tls)
            } catch let error as ManageError {
                return WebPage(
                    title: "Not done",
                    body:
                        "<p class=\"error\" role=\"alert\">\(WebPage.escape(error.message))</p><p><a href=\"/manage/project/\(name)/webhooks/\">Back</a></p>",
                    status: error.kind.status
                ).response(tls: tls)
            }
        }
        post("\(base)/remove") { active, form, context in
            let name = ProjectName.normalize(try context.parameters.require("project"))
            return try await act("/manage/project/\(name)/webhooks/") {
                try await manage.remove(project: name, id: Int64(form["webhook_id"] ?? "") ?? -1, by: active.user)
                return nil
            }
        }
    }

    /// The page right after a subscription is made: the only time its secret is shown.
    static func secretPage(_ made: WebhookSubscription, back: String) -> WebPage {
        WebPage(
            title: "Webhook added",
            body: "<p>Deliveries to <code>\(WebPage.escape(made.url))</code> are signed with this secret "
                + "(HMAC-SHA256 of the body, in <code>X-Cheeseshop-Signature-256</code>). "
                + "<strong>Copy it now: it is not shown again.</strong></p>"
                + "<p><label for=\"secret\">Secret</label> <input id=\"secret\" readonly size=\"70\" value=\"\(WebPage.escape(made.secret))\"></p>"
                + "<p><a href=\"\(WebPage.escape(back))\">Back to the webhooks</a></p>")
    }

    func webhooksPage(_ active: ActiveSession, name: String) async throws -> WebPage {
        let list = try await useCases.webhooks.list(project: name, by: active.user)
        let (detail, _) = try await managed(active, name: name)
        let project = detail.project
        let base = "/manage/project/\(project.normalizedName)"
        let csrf = active.session.csrfToken
        var body = "<p><a href=\"\(base)/\">Back to \(WebPage.escape(project.name))</a></p>"
        body +=
            "<p>A webhook is told of releases, uploads, yanks and deletions by a signed POST. See the documentation's webhooks page for the payloads.</p>"
        body +=
            "<table id=\"webhooks\"><thead><tr><th scope=\"col\">URL</th><th scope=\"col\">Events</th><th scope=\"col\">Added</th><th scope=\"col\">Deliveries</th><th scope=\"col\">Remove</th></tr></thead><tbody>"
        for hook in list {
            body += "<tr><td><code>\(WebPage.escape(hook.url))</code></td>"
            body += "<td>\(WebPage.escape(hook.events.sorted().map(\.rawValue).joined(separator: ", ")))</td>"
            body += "<td>\(hook.created.iso8601Seconds.prefix(10)) by \(WebPage.escape(hook.createdBy))</td>"
            body += "<td><a href=\"\(base)/webhooks/\(hook.id)/\">Delivery log</a></td><td>"
            body += WebPage.form(
                action: "\(base)/webhooks/remove/", csrf: csrf, submit: "Remove",
                "<input type=\"hidden\" name=\"webhook_id\" value=\"\(hook.id)\">", inline: true, danger: true)
            body += "</td></tr>"
        }
        body += "</tbody></table>"
        if list.isEmpty { body += "<p class=\"muted\">No webhooks yet.</p>" }
        var inputs = WebPage.input(
            "url", label: "Target URL (http or https, public address)", type: "url", extra: "required")
        inputs += "<fieldset><legend>Events</legend>"
        for event in WebhookEvent.allCases {
            let id = "event-\(event.rawValue)"
            inputs +=
                "<p><input type=\"checkbox\" id=\"\(id)\" name=\"\(id)\" checked> <label for=\"\(id)\">\(event.rawValue)</label></p>"
        }
        inputs += "</fieldset>"
        body += "<h2>Add a webhook</h2>"
        body += WebPage.form(action: "\(base)/webhooks/add/", csrf: csrf, submit: "Add webhook", inputs, inline: false)
        return WebPage(title: "Webhooks of \(project.name)", body: body)
    }

    func deliveriesPage(_ active: ActiveSession, name: String, id: Int64) async throws -> WebPage {
        let (hook, log) = try await useCases.webhooks.deliveries(project: name, id: id, by: active.user)
        let slug = ProjectName.normalize(name)
        var body = "<p><a href=\"/manage/project/\(slug)/webhooks/\">All webhooks</a></p>"
        body +=
            "<p>Target: <code>\(WebPage.escape(hook.url))</code>. The last \(ManageWebhooks.logSize) attempts, newest first.</p>"
        body +=
            "<table id=\"deliveries\"><thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Event</th><th scope=\"col\">Attempt</th><th scope=\"col\">Result</th><th scope=\"col\">Duration</th><th scope=\"col\">Delivery</th></tr></thead><tbody>"
        for delivery in log {
            let result =
                delivery.succeeded
                ? "\(delivery.statusCode ?? 0)"
                : [delivery.statusCode.map(String.init), delivery.error].compactMap { $0 }.joined(separator: ": ")
            body += "<tr><td>\(delivery.time.iso8601Seconds)</td><td>\(delivery.event.rawValue)</td>"
            body +=
                "<td>\(delivery.attempt)</td><td class=\"\(delivery.succeeded ? "ok" : "error")\">\(WebPage.escape(result))</td>"
            body +=
                "<td>\(Int((delivery.duration * 1000).rounded())) ms</td><td><code>\(WebPage.escape(delivery.deliveryID))</code></td></tr>"
        }
        body += "</tbody></table>"
        if log.isEmpty { body += "<p class=\"muted\">Nothing delivered yet.</p>" }
        return WebPage(title: "Deliveries to webhook \(hook.id)", body: body)
    }
}
