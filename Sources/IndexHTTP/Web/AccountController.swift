import HTTPTypes
import Hummingbird
import IndexCore

/// The account pages: register, verify e-mail, log in (password, then the second factor), log
/// out, reset a password. Server-rendered forms that work without JavaScript; every POST
/// carries a CSRF token (the session's, or before login a double-submit cookie) and a
/// foreign `Origin` is refused; API tokens are refused on every web page (AU06).
struct AccountController: Sendable {
    let accounts: AccountService
    /// The public host (and port) of the configured base URL; `nil`: the host each request names.
    /// Absolute `next` targets are followed only to the configured host (others are relative).
    let host: String?
    let tls: Bool

    static let sessionCookie = "session_id"
    static let csrfCookie = "csrf_token"

    func register(on router: Router<IndexRequestContext>) {
        router.get("/account/register") { request, _ in try anonymous(request) { csrf, t in registerPage(csrf, t) } }
        router.post("/account/register") { request, context in
            try await anonymousPost(request) { form in
                let result = try await accounts.register(
                    username: form["username"] ?? "", email: form["email"] ?? "", password: form["password"] ?? "",
                    ip: context.clientIP)
                let cookies = result.cookie.map { [Cookies.set(Self.sessionCookie, $0, tls: tls)] } ?? []
                let t = Translator(request)
                return WebPage(
                    title: t("account.check_email_title"),
                    body: "<p>\(t.html("account.verification_sent"))</p>"
                        + "<p><a href=\"/account/login/\">\(t.html("layout.log_in"))</a></p>"
                ).response(to: request, tls: tls, cookies: cookies)
            }
        }
        router.get("/account/verify-email") { request, context in
            try refuseTokens(request)
            let user = try await webErrors {
                try await accounts.verifyEmail(
                    token: request.uri.queryParameters["token"].map(String.init) ?? "",
                    ip: context.clientIP)
            }
            let t = Translator(request)
            return WebPage(
                title: t("account.email_verified_title"),
                body: "<p>\(t.html("account.email_verified", ["name": user.username]))</p>"
            )
            .response(to: request, tls: tls)
        }
        router.get("/account/login") { request, _ in
            try anonymous(request) { csrf, t in
                loginPage(csrf, next: request.uri.queryParameters["next"].map(String.init), t)
            }
        }
        router.post("/account/login") { request, context in
            try await anonymousPost(request) { form in
                let result = try await accounts.login(
                    username: form["username"] ?? "", password: form["password"] ?? "", ip: context.clientIP,
                    previousCookie: Cookies.value(Self.sessionCookie, in: request))
                let next = safeRedirectTarget(form["next"], host: host ?? "")
                let target = result.needsSecondFactor ? "/account/two-factor/?next=\(Self.queryEscape(next))" : next
                return WebPage.redirect(
                    target, tls: tls, cookies: [Cookies.set(Self.sessionCookie, result.cookie, tls: tls)])
            }
        }
        router.get("/account/two-factor") { request, _ in
            try refuseTokens(request)
            guard
                let active = try await accounts.session(
                    cookie: Cookies.value(Self.sessionCookie, in: request), allowingSecondFactorStep: true),
                active.session.awaitingSecondFactor
            else { return WebPage.redirect("/account/login/", tls: tls) }
            return twoFactorPage(
                active.session.csrfToken, next: request.uri.queryParameters["next"].map(String.init),
                Translator(request)
            )
            .response(to: request, tls: tls)
        }
        router.post("/account/two-factor") { request, context in
            try refuseTokens(request)
            let form = try await FormData.read(request)
            let cookie = Cookies.value(Self.sessionCookie, in: request)
            guard let active = try await accounts.session(cookie: cookie, allowingSecondFactorStep: true),
                accounts.checkCSRF(active, token: form["csrf_token"])
            else { throw Self.csrfFailure }
            let result = try await webErrors {
                try await accounts.completeLogin(cookie: cookie, code: form["code"] ?? "", ip: context.clientIP)
            }
            return WebPage.redirect(
                safeRedirectTarget(form["next"], host: host ?? ""), tls: tls,
                cookies: [Cookies.set(Self.sessionCookie, result.cookie, tls: tls)])
        }
        router.post("/account/logout") { request, _ in
            try refuseTokens(request)
            let form = try await FormData.read(request)
            let cookie = Cookies.value(Self.sessionCookie, in: request)
            if let active = try await accounts.session(cookie: cookie, allowingSecondFactorStep: true) {
                guard accounts.checkCSRF(active, token: form["csrf_token"]) else { throw Self.csrfFailure }
                try await accounts.logout(cookie: cookie)
            }
            return WebPage.redirect("/", tls: tls, cookies: [Cookies.set(Self.sessionCookie, "", tls: tls, maxAge: 0)])
        }
        registerPasswordReset(on: router)
        for path in ["/account/logout"] {
            router.get(RouterPath(path)) { _, _ in Self.methodNotAllowed }
        }
    }

    private func registerPasswordReset(on router: Router<IndexRequestContext>) {
        router.get("/account/request-password-reset") { request, _ in
            try anonymous(request) { csrf, t in
                WebPage(
                    title: t("account.reset_title"),
                    body: WebPage.form(
                        action: "/account/request-password-reset/", csrf: csrf, submit: t("account.send_reset"),
                        WebPage.input("username_or_email", label: t("account.username_or_email"), extra: "required")))
            }
        }
        router.post("/account/request-password-reset") { request, context in
            try await anonymousPost(request) { form in
                try await accounts.requestPasswordReset(form["username_or_email"] ?? "", ip: context.clientIP)
                let t = Translator(request)
                return WebPage(
                    title: t("account.check_email_title"),
                    body: "<p>\(t.html("account.reset_sent"))</p>"
                ).response(to: request, tls: tls)
            }
        }
        router.get("/account/reset-password") { request, _ in
            try anonymous(request) { csrf, t in
                WebPage(
                    title: t("account.new_password_title"),
                    body: WebPage.form(
                        action: "/account/reset-password/", csrf: csrf, submit: t("account.set_password"),
                        "<input type=\"hidden\" name=\"token\" value=\""
                            + WebPage.escape(request.uri.queryParameters["token"].map(String.init) ?? "") + "\">"
                            + WebPage.input(
                                "new_password", label: t("account.new_password"), type: "password",
                                extra: "required")))
            }
        }
        router.post("/account/reset-password") { request, context in
            try await anonymousPost(request) { form in
                try await accounts.resetPassword(
                    token: form["token"] ?? "", new: form["new_password"] ?? "", ip: context.clientIP)
                return WebPage.redirect("/account/login/", tls: tls)
            }
        }
    }

    // MARK: - Guards

    /// Refusals of web pages carry the pages' security headers (HSTS too: browsers ignore it
    /// over plain HTTP).
    static let csrfFailure = MessageError(
        403, "CSRF token missing or incorrect.", headers: WebPage.securityHeaders(tls: true))
    static let tokenOnWeb = MessageError(
        403, "API tokens can only be used to upload and with the management API, not on web pages.",
        headers: WebPage.securityHeaders(tls: true))
    static let methodNotAllowed = Response(status: .methodNotAllowed, headers: [.allow: "POST", .contentLength: "0"])

    /// Refuses a request that carries an API token (`Authorization`): tokens never act as a
    /// web session (PyPI 2020).
    func refuseTokens(_ request: Request) throws {
        if request.headers[.authorization] != nil { throw Self.tokenOnWeb }
    }

    /// A GET page of the anonymous flow, with a fresh double-submit CSRF cookie, in the
    /// request's language.
    private func anonymous(_ request: Request, _ page: (String, Translator) -> WebPage) throws -> Response {
        try refuseTokens(request)
        let csrf =
            Cookies.value(Self.csrfCookie, in: request).flatMap { $0.utf8.count == 43 ? $0 : nil }
            ?? Base64URLText.random(32, from: accounts)
        return page(csrf, Translator(request)).response(
            to: request, tls: tls, cookies: [Cookies.set(Self.csrfCookie, csrf, tls: tls)])
    }

    /// A POST of the anonymous flow: the form's CSRF field must equal the cookie's, and a
    /// cross-site `Origin` is refused.
    private func anonymousPost(_ request: Request, _ body: (FormData) async throws -> Response) async throws
        -> Response
    {
        try refuseTokens(request)
        try checkOrigin(request)
        let form = try await FormData.read(request)
        guard let cookie = Cookies.value(Self.csrfCookie, in: request), let field = form["csrf_token"],
            !cookie.isEmpty, ConstantTime.equals(Array(cookie.utf8), Array(field.utf8))
        else { throw Self.csrfFailure }
        return try await webErrors { try await body(form) }
    }

    /// Refuses a POST whose `Origin` names another site.
    func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin], origin != "null" else { return }
        let stripped = origin.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard stripped.lowercased() == (host ?? request.head.authority ?? "").lowercased() else {
            throw Self.csrfFailure
        }
    }

    /// Runs `body`, turning account refusals into answers (429 with `Retry-After`).
    func webErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AuthError {
            var headers = WebPage.securityHeaders(tls: tls)
            if let retry = error.retryAfter { headers[.retryAfter] = String(retry) }
            throw MessageError(error.kind, error.message, headers: headers)
        }
    }

    static func queryEscape(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreservedAndSlash)
    }

    // MARK: - Pages

    private func registerPage(_ csrf: String, _ t: Translator) -> WebPage {
        WebPage(
            title: t("account.register_title"),
            body: WebPage.form(
                action: "/account/register/", csrf: csrf, submit: t("account.create"),
                WebPage.input("username", label: t("account.username"), extra: "required autocomplete=\"username\"")
                    + WebPage.input("email", label: t("account.email"), type: "email", extra: "required")
                    + WebPage.input(
                        "password", label: t("account.password"), type: "password",
                        extra: "required autocomplete=\"new-password\""
                    )))
    }

    private func loginPage(_ csrf: String, next: String?, _ t: Translator) -> WebPage {
        WebPage(
            title: t("layout.log_in"),
            body: WebPage.form(
                action: "/account/login/", csrf: csrf, submit: t("layout.log_in"),
                "<input type=\"hidden\" name=\"next\" value=\"\(WebPage.escape(next ?? "/manage/account/"))\">"
                    + WebPage.input("username", label: t("account.username"), extra: "required autocomplete=\"username\"")
                    + WebPage.input(
                        "password", label: t("account.password"), type: "password",
                        extra: "required autocomplete=\"current-password\""))
                + "<p><a href=\"/account/request-password-reset/\">\(t.html("account.forgot"))</a></p>")
    }

    private func twoFactorPage(_ csrf: String, next: String?, _ t: Translator) -> WebPage {
        WebPage(
            title: t("account.two_factor_title"),
            body: WebPage.form(
                action: "/account/two-factor/", csrf: csrf, submit: t("account.verify"),
                "<input type=\"hidden\" name=\"next\" value=\"\(WebPage.escape(next ?? "/manage/account/"))\">"
                    + WebPage.input(
                        "code", label: t("account.code_label"),
                        extra: "required autocomplete=\"one-time-code\" inputmode=\"numeric\"")))
    }
}

/// Random base64url text from the account service's random source.
enum Base64URLText {
    static func random(_ count: Int, from accounts: AccountService) -> String {
        accounts.randomText(count)
    }
}
