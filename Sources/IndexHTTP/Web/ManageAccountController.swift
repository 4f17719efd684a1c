import HTTPTypes
import Hummingbird
import IndexCore

/// The logged-in account pages: the account overview (address, 2FA, tokens, security log),
/// re-authentication, API tokens, TOTP enrollment and removal, recovery codes, password
/// change. Every POST needs the session's CSRF token; sensitive ones a recent password.
struct ManageAccountController: Sendable {
    let accounts: AccountService
    let web: AccountController
    let tls: Bool

    func register(on router: Router<IndexRequestContext>) {
        router.get("/manage/account") { request, _ in
            let active = try await session(request)
            return try await overview(active, message: nil).response(tls: tls)
        }
        post(router, "/manage/account/reauthenticate") { active, form, ip in
            _ = try await accounts.confirmPassword(active, password: form["password"] ?? "", ip: ip)
            return WebPage.redirect(safeRedirectTarget(form["next"], host: web.host ?? ""), tls: tls)
        }
        post(router, "/manage/account/token") { active, form, ip in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/") }
            let days = Double(form["expires_days"] ?? "") ?? 0
            let projects = (form["project"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty }
            let created = try await accounts.createToken(
                active, description: form["description"] ?? "", projects: projects,
                expires: days > 0 ? Timestamp(secondsSinceEpoch: accounts.now.secondsSinceEpoch + days * 86_400) : nil,
                ip: ip)
            return WebPage(
                title: "Token created",
                body: "<p>Copy this token now; it is not shown again.</p><p><code id=\"token\">"
                    + WebPage.escape(created.text) + "</code></p><p><a href=\"/manage/account/\">Back</a></p>"
            ).response(tls: tls)
        }
        post(router, "/manage/account/token/delete") { active, form, ip in
            try await accounts.deleteToken(active, id: TokenID(form["token_id"] ?? ""), ip: ip)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
        post(router, "/manage/account/totp-provision") { active, form, ip in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/") }
            if let signed = form["signed_secret"] {
                let codes = try await accounts.confirmTOTP(
                    active, signedSecret: signed, code: form["code"] ?? "", ip: ip)
                return recoveryCodesPage(codes)
            }
            let enrollment = try accounts.beginTOTP(active)
            return WebPage(
                title: "Set up an authenticator app",
                body: "<p>Add this secret to your authenticator app: <code id=\"totp-secret\">"
                    + WebPage.escape(enrollment.secret) + "</code></p><p><code id=\"totp-uri\">"
                    + WebPage.escape(enrollment.provisioningURI) + "</code></p>"
                    + WebPage.form(
                        action: "/manage/account/totp-provision/", csrf: active.session.csrfToken, submit: "Verify",
                        "<input type=\"hidden\" name=\"signed_secret\" value=\""
                            + WebPage.escape(enrollment.signedSecret) + "\">"
                            + WebPage.input("code", label: "Code from the app", extra: "required inputmode=\"numeric\"")
                    )
            ).response(tls: tls)
        }
        post(router, "/manage/account/totp-remove") { active, form, ip in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/") }
            try await accounts.disableTOTP(active, code: form["code"] ?? "", ip: ip)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
        post(router, "/manage/account/recovery-codes") { active, _, ip in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/") }
            return recoveryCodesPage(try await accounts.regenerateRecoveryCodes(active, ip: ip))
        }
        post(router, "/manage/account/change-password") { active, form, ip in
            let cookie = try await accounts.changePassword(
                active, current: form["password"] ?? "", new: form["new_password"] ?? "", ip: ip)
            return WebPage.redirect(
                "/manage/account/", tls: tls, cookies: [Cookies.set(AccountController.sessionCookie, cookie, tls: tls)])
        }
        post(router, "/manage/account/verify-email") { active, _, _ in
            try await accounts.sendVerification(to: active.user)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
    }

    /// A POST route: no tokens, same origin, a session, its CSRF token; account refusals answered.
    func post(
        _ router: Router<IndexRequestContext>, _ path: String,
        _ body: @escaping @Sendable (ActiveSession, FormData, String) async throws -> Response
    ) {
        router.post(RouterPath(path)) { request, context in try await post(request, context, body) }
        router.get(RouterPath(path)) { _, _ in AccountController.methodNotAllowed }
    }

    /// Checks a POST (no token, same origin, session, CSRF token) and runs `body`.
    func post(
        _ request: Request, _ context: IndexRequestContext,
        _ body: (ActiveSession, FormData, String) async throws -> Response
    ) async throws -> Response {
        try web.checkOrigin(request)
        let active = try await session(request)
        let form = try await FormData.read(request)
        guard accounts.checkCSRF(active, token: form["csrf_token"]) else { throw AccountController.csrfFailure }
        return try await web.webErrors { try await body(active, form, context.clientIP) }
    }

    /// The full session of the request; otherwise a redirect to the login page.
    func session(_ request: Request) async throws -> ActiveSession {
        try web.refuseTokens(request)
        guard
            let active = try await accounts.session(cookie: Cookies.value(AccountController.sessionCookie, in: request))
        else {
            throw RedirectToLogin(next: request.uri.path)
        }
        return active
    }

    func reauthenticated(_ active: ActiveSession) throws -> Bool {
        do {
            try accounts.requireRecentAuthentication(active)
            return true
        } catch {
            return false
        }
    }

    func reauthPage(_ active: ActiveSession, next: String) -> Response {
        var page = WebPage(
            title: "Confirm your password",
            body: "<p>This action needs your password again.</p>"
                + WebPage.form(
                    action: "/manage/account/reauthenticate/", csrf: active.session.csrfToken, submit: "Confirm",
                    "<input type=\"hidden\" name=\"next\" value=\"\(WebPage.escape(next))\">"
                        + WebPage.input("password", label: "Password", type: "password", extra: "required")))
        page.status = .unauthorized
        return page.response(tls: tls)
    }

    private func recoveryCodesPage(_ codes: [String]) -> Response {
        WebPage(
            title: "Recovery codes",
            body:
                "<p>Keep these codes somewhere safe. Each works once, in place of a code from your app.</p><ul id=\"recovery-codes\">"
                + codes.map { "<li><code>\(WebPage.escape($0))</code></li>" }.joined()
                + "</ul><p><a href=\"/manage/account/\">Back</a></p>"
        ).response(tls: tls)
    }

    private func overview(_ active: ActiveSession, message: String?) async throws -> WebPage {
        let (tokens, events) = try await accounts.overview(active)
        let user = active.user
        let csrf = active.session.csrfToken
        var body =
            "<p>Logged in as <strong id=\"username\">\(WebPage.escape(user.username))</strong> ("
            + WebPage.escape(user.email) + ", " + (user.emailVerified ? "verified" : "not verified") + ").</p>"
        if !user.emailVerified {
            body += WebPage.form(
                action: "/manage/account/verify-email/", csrf: csrf, submit: "Resend verification email")
        }
        body += "<h2>Two-factor authentication</h2>"
        if user.hasTwoFactor {
            body +=
                "<p id=\"two-factor\">Enabled (authenticator app).</p>"
                + WebPage.form(
                    action: "/manage/account/totp-remove/", csrf: csrf, submit: "Remove the authenticator app",
                    WebPage.input("code", label: "Current code", extra: "required inputmode=\"numeric\""))
                + WebPage.form(action: "/manage/account/recovery-codes/", csrf: csrf, submit: "New recovery codes")
        } else {
            body +=
                "<p id=\"two-factor\">Not enabled.</p>"
                + WebPage.form(
                    action: "/manage/account/totp-provision/", csrf: csrf, submit: "Add an authenticator app")
        }
        body +=
            "<h2>API tokens</h2><table id=\"tokens\"><tr><th>Name</th><th>Scope</th><th>Created</th><th>Last used</th><th></th></tr>"
        for token in tokens {
            body +=
                "<tr><td>\(WebPage.escape(token.description))</td><td>"
                + WebPage.escape(token.projects.isEmpty ? "all projects" : token.projects.joined(separator: ", "))
                + "</td><td>\(token.created.iso8601Seconds)</td><td>\(token.lastUsed?.iso8601Seconds ?? "never")</td><td>"
                + WebPage.form(
                    action: "/manage/account/token/delete/", csrf: csrf, submit: "Delete",
                    "<input type=\"hidden\" name=\"token_id\" value=\"\(WebPage.escape(token.id.rawValue))\">")
                + "</td></tr>"
        }
        body +=
            "</table>"
            + WebPage.form(
                action: "/manage/account/token/", csrf: csrf, submit: "Create token",
                WebPage.input("description", label: "Token name", extra: "required")
                    + WebPage.input("project", label: "Limit to projects (comma-separated, empty for all)")
                    + WebPage.input("expires_days", label: "Expires after days (empty: never)", type: "number"))
        body +=
            "<h2>Password</h2>"
            + WebPage.form(
                action: "/manage/account/change-password/", csrf: csrf, submit: "Change password",
                WebPage.input("password", label: "Current password", type: "password", extra: "required")
                    + WebPage.input("new_password", label: "New password", type: "password", extra: "required"))
        body +=
            "<h2>Security history</h2><table id=\"events\"><tr><th>When</th><th>Event</th><th>From</th><th>Details</th></tr>"
        for event in events {
            let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: " ")
            body +=
                "<tr><td>\(event.time.iso8601Seconds)</td><td>\(WebPage.escape(event.tag))</td><td>"
                + WebPage.escape(event.ip) + "</td><td>\(WebPage.escape(details))</td></tr>"
        }
        body +=
            "</table>"
            + WebPage.form(action: "/account/logout/", csrf: csrf, submit: "Log out")
        return WebPage(title: "Your account", body: body)
    }
}

/// Thrown by a page that needs a login: answered with a redirect to the login page.
struct RedirectToLogin: Error, HTTPResponseError {
    let next: String
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .seeOther,
            headers: [.location: "/account/login/?next=\(AccountController.queryEscape(next))", .contentLength: "0"])
    }
}
