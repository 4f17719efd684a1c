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
            return try await overview(active, Translator(request)).response(to: request, tls: tls)
        }
        post(router, "/manage/account/reauthenticate") { active, form, ip, _ in
            _ = try await accounts.confirmPassword(active, password: form["password"] ?? "", ip: ip)
            return WebPage.redirect(safeRedirectTarget(form["next"], host: web.host ?? ""), tls: tls)
        }
        post(router, "/manage/account/token") { active, form, ip, t in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/", t) }
            let days = Double(form["expires_days"] ?? "") ?? 0
            let projects = (form["project"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty }
            let created = try await accounts.createToken(
                active, description: form["description"] ?? "", projects: projects,
                expires: days > 0 ? Timestamp(secondsSinceEpoch: accounts.now.secondsSinceEpoch + days * 86_400) : nil,
                ip: ip)
            return WebPage(
                title: t("manage.token_created_title"),
                body: "<p>\(t.html("manage.copy_token"))</p><p><code id=\"token\">"
                    + WebPage.escape(created.text)
                    + "</code></p><p><a href=\"/manage/account/\">\(t.html("manage.back"))</a></p>"
            ).response(in: t, path: "/manage/account/", tls: tls)
        }
        post(router, "/manage/account/token/delete") { active, form, ip, _ in
            try await accounts.deleteToken(active, id: TokenID(form["token_id"] ?? ""), ip: ip)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
        post(router, "/manage/account/totp-provision") { active, form, ip, t in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/", t) }
            if let signed = form["signed_secret"] {
                let codes = try await accounts.confirmTOTP(
                    active, signedSecret: signed, code: form["code"] ?? "", ip: ip)
                return recoveryCodesPage(codes, t)
            }
            let enrollment = try accounts.beginTOTP(active)
            let secret = "<code id=\"totp-secret\">" + WebPage.escape(enrollment.secret) + "</code>"
            return WebPage(
                title: t("manage.totp_title"),
                body: "<p>\(t.html("manage.totp_secret", markup: ["secret": secret]))</p><p><code id=\"totp-uri\">"
                    + WebPage.escape(enrollment.provisioningURI) + "</code></p>"
                    + WebPage.form(
                        action: "/manage/account/totp-provision/", csrf: active.session.csrfToken,
                        submit: t("account.verify"),
                        "<input type=\"hidden\" name=\"signed_secret\" value=\""
                            + WebPage.escape(enrollment.signedSecret) + "\">"
                            + WebPage.input(
                                "code", label: t("manage.code_from_app"), extra: "required inputmode=\"numeric\"")
                    )
            ).response(in: t, path: "/manage/account/", tls: tls)
        }
        post(router, "/manage/account/totp-remove") { active, form, ip, t in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/", t) }
            try await accounts.disableTOTP(active, code: form["code"] ?? "", ip: ip)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
        post(router, "/manage/account/recovery-codes") { active, _, ip, t in
            guard try reauthenticated(active) else { return reauthPage(active, next: "/manage/account/", t) }
            return recoveryCodesPage(try await accounts.regenerateRecoveryCodes(active, ip: ip), t)
        }
        post(router, "/manage/account/change-password") { active, form, ip, _ in
            let cookie = try await accounts.changePassword(
                active, current: form["password"] ?? "", new: form["new_password"] ?? "", ip: ip)
            return WebPage.redirect(
                "/manage/account/", tls: tls, cookies: [Cookies.set(AccountController.sessionCookie, cookie, tls: tls)])
        }
        post(router, "/manage/account/verify-email") { active, _, _, _ in
            try await accounts.sendVerification(to: active.user)
            return WebPage.redirect("/manage/account/", tls: tls)
        }
    }

    /// A POST route: no tokens, same origin, a session, its CSRF token; account refusals answered.
    /// `body` gets the session, the form, the client's address and the request's language.
    func post(
        _ router: Router<IndexRequestContext>, _ path: String,
        _ body: @escaping @Sendable (ActiveSession, FormData, String, Translator) async throws -> Response
    ) {
        router.post(RouterPath(path)) { request, context in
            let t = Translator(request)
            return try await post(request, context) { active, form, ip in try await body(active, form, ip, t) }
        }
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

    func reauthPage(_ active: ActiveSession, next: String, _ t: Translator = Translator(.en)) -> Response {
        var page = WebPage(
            title: t("manage.reauth_title"),
            body: "<p>\(t.html("manage.reauth_text"))</p>"
                + WebPage.form(
                    action: "/manage/account/reauthenticate/", csrf: active.session.csrfToken,
                    submit: t("manage.confirm"),
                    "<input type=\"hidden\" name=\"next\" value=\"\(WebPage.escape(next))\">"
                        + WebPage.input("password", label: t("account.password"), type: "password", extra: "required")))
        page.status = .unauthorized
        return page.response(in: t, path: next, tls: tls)
    }

    private func recoveryCodesPage(_ codes: [String], _ t: Translator) -> Response {
        WebPage(
            title: t("manage.recovery_title"),
            body:
                "<p>\(t.html("manage.recovery_text"))</p><ul id=\"recovery-codes\">"
                + codes.map { "<li><code>\(WebPage.escape($0))</code></li>" }.joined()
                + "</ul><p><a href=\"/manage/account/\">\(t.html("manage.back"))</a></p>"
        ).response(in: t, path: "/manage/account/", tls: tls)
    }

    private func overview(_ active: ActiveSession, _ t: Translator) async throws -> WebPage {
        let (tokens, events) = try await accounts.overview(active)
        let user = active.user
        let csrf = active.session.csrfToken
        let state = t(user.emailVerified ? "manage.verified" : "manage.not_verified")
        var body =
            "<p>"
            + t.html(
                "manage.logged_in_as", ["email": user.email, "state": state],
                markup: ["username": "<strong id=\"username\">\(WebPage.escape(user.username))</strong>"])
            + "</p>"
        if !user.emailVerified {
            body += WebPage.form(
                action: "/manage/account/verify-email/", csrf: csrf, submit: t("manage.resend"))
        }
        body += "<h2>\(t.html("account.two_factor_title"))</h2>"
        if user.hasTwoFactor {
            body +=
                "<p id=\"two-factor\">\(t.html("manage.two_factor_enabled"))</p>"
                + WebPage.form(
                    action: "/manage/account/totp-remove/", csrf: csrf, submit: t("manage.remove_app"),
                    WebPage.input("code", label: t("manage.current_code"), extra: "required inputmode=\"numeric\""))
                + WebPage.form(
                    action: "/manage/account/recovery-codes/", csrf: csrf, submit: t("manage.new_recovery_codes"))
        } else {
            body +=
                "<p id=\"two-factor\">\(t.html("manage.two_factor_disabled"))</p>"
                + WebPage.form(
                    action: "/manage/account/totp-provision/", csrf: csrf, submit: t("manage.add_app"))
        }
        body += "<h2>\(t.html("manage.tokens"))</h2><table id=\"tokens\"><tr>"
        for id in ["manage.token_name", "manage.token_scope", "manage.token_created", "manage.token_last_used"] {
            body += "<th>\(t.html(id))</th>"
        }
        body += "<th></th></tr>"
        for token in tokens {
            let scope = token.projects.isEmpty ? t("manage.all_projects") : token.projects.joined(separator: ", ")
            body +=
                "<tr><td>\(WebPage.escape(token.description))</td><td>"
                + WebPage.escape(scope)
                + "</td><td>\(token.created.iso8601Seconds)</td><td>"
                + (token.lastUsed?.iso8601Seconds ?? t.html("manage.never")) + "</td><td>"
                + WebPage.form(
                    action: "/manage/account/token/delete/", csrf: csrf, submit: t("manage.delete"),
                    "<input type=\"hidden\" name=\"token_id\" value=\"\(WebPage.escape(token.id.rawValue))\">")
                + "</td></tr>"
        }
        body +=
            "</table>"
            + WebPage.form(
                action: "/manage/account/token/", csrf: csrf, submit: t("manage.create_token"),
                WebPage.input("description", label: t("manage.token_name_label"), extra: "required")
                    + WebPage.input("project", label: t("manage.token_projects"))
                    + WebPage.input("expires_days", label: t("manage.token_expires"), type: "number"))
        body +=
            "<h2>\(t.html("account.password"))</h2>"
            + WebPage.form(
                action: "/manage/account/change-password/", csrf: csrf, submit: t("manage.change_password"),
                WebPage.input("password", label: t("manage.current_password"), type: "password", extra: "required")
                    + WebPage.input(
                        "new_password", label: t("account.new_password"), type: "password", extra: "required"))
        body += "<h2>\(t.html("manage.security_history"))</h2><table id=\"events\"><tr>"
        for id in ["manage.when", "manage.event", "manage.from", "manage.details"] { body += "<th>\(t.html(id))</th>" }
        body += "</tr>"
        for event in events {
            let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: " ")
            body +=
                "<tr><td>\(event.time.iso8601Seconds)</td><td>\(WebPage.escape(event.tag))</td><td>"
                + WebPage.escape(event.ip) + "</td><td>\(WebPage.escape(details))</td></tr>"
        }
        body +=
            "</table>"
            + WebPage.form(action: "/account/logout/", csrf: csrf, submit: t("manage.log_out"))
        return WebPage(title: t("manage.account_title"), body: body)
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
