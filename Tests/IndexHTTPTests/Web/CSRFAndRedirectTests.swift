import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// W03: a POST without the CSRF token, with a wrong one, or from another origin changes
/// nothing; a GET on a POST-only route is 405. W04: the post-login redirect stays on-site.
@Suite struct CSRFAndRedirectTests {
    @Test(arguments: [nil, "wrong-token", ""] as [String?])
    func postWithoutTheSessionsCSRFTokenChangesNothing(csrf: String?) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let before = fixture.store.counts()
            let tagsBefore = try await fixture.eventTags("bob")
            let extra: [(String, String)] = csrf.map { [("csrf_token", $0)] } ?? []
            let token = try await browser.post("/manage/account/token/", form: extra + [("description", "ci")])
            #expect(token.status.code == 403)
            #expect(String(buffer: token.body) == "CSRF token missing or incorrect.")
            let logout = try await browser.post("/account/logout/", form: extra)
            #expect(logout.status.code == 403)
            let reauth = try await browser.post("/manage/account/reauthenticate/", form: extra + [("password", "x")])
            #expect(reauth.status.code == 403)
            #expect(fixture.store.counts() == before)
            #expect(try await fixture.eventTags("bob") == tagsBefore)
            #expect(try await browser.get("/manage/account/").status.code == 200)
        }
    }

    @Test func postFromAnotherOriginIsRefusedEvenWithTheToken() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let csrf = try #require(try await browser.sessionCSRF())
            let before = fixture.store.counts()
            let response = try await browser.post(
                "/manage/account/token/", form: [("csrf_token", csrf), ("description", "ci")],
                headers: [.origin: "https://evil.example"])
            #expect(response.status.code == 403)
            #expect(fixture.store.counts() == before)
        }
    }

    @Test func anonymousFormsNeedTheDoubleSubmitCookie() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            // No GET first: no cookie, and a field that matches nothing.
            let login = try await browser.post(
                "/account/login/",
                form: [("csrf_token", "x"), ("username", "bob"), ("password", HTTPFixture.password)])
            #expect(login.status.code == 403)
            let page = try await browser.get("/account/login/")
            #expect(Page.field("csrf_token", in: page) == browser.cookies[AccountController.csrfCookie])
            let wrong = try await browser.post(
                "/account/login/",
                form: [
                    ("csrf_token", "A" + (browser.cookies[AccountController.csrfCookie] ?? "").dropFirst()),
                    ("username", "bob"), ("password", HTTPFixture.password),
                ])
            #expect(wrong.status.code == 403)
            let register = try await browser.post(
                "/account/register/",
                form: [("username", "mallory"), ("email", "m@example.org"), ("password", HTTPFixture.password)])
            #expect(register.status.code == 403)
            #expect(try await fixture.store.user(username: "mallory") == nil)
            #expect(fixture.store.counts().sessions == 0)
            #expect(browser.cookies[AccountController.sessionCookie] == nil)
        }
    }

    @Test(arguments: [
        "/account/logout/", "/manage/account/token/", "/manage/account/token/delete/",
        "/manage/account/totp-provision/", "/manage/account/change-password/", "/manage/account/reauthenticate/",
    ])
    func getOnAPostOnlyRouteIs405(path: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let before = fixture.store.counts()
            let response = try await browser.get(path)
            #expect(response.status.code == 405)
            #expect(response.headers[.allow] == "POST")
            #expect(fixture.store.counts() == before)
            #expect(try await browser.get("/manage/account/").status.code == 200)
        }
    }

    @Test(arguments: [
        "//evil.com", "/\\evil.com", "/\t/evil.com", "https:evil.com", "\u{01}//evil", "https://evil.com/",
        "///evil.com", "\\\\evil.com", "javascript:alert(1)", " //evil.com", "/\r\n/evil.com",
        "//index.example@evil.com", "http:/\\evil.com",
    ])
    func postLoginRedirectToAnotherSiteGoesHome(next: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let response = try await browser.logIn("bob", HTTPFixture.password, next: next)
            #expect(response.status.code == 303)
            #expect(response.headers[.location] == "/")
        }
    }

    @Test func postLoginRedirectOnSiteIsKept() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let response = try await browser.logIn("bob", HTTPFixture.password, next: "/manage/account/?tab=1")
            #expect(response.headers[.location] == "/manage/account/?tab=1")
        }
    }

    @Test(arguments: ["//evil.com", "/\\evil.com", "https:evil.com"])
    func redirectAfterTheSecondFactorStaysOnSite(next: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let (secret, _) = try await fixture.enableTOTP(&browser)
            #expect(try await browser.postWithCSRF("/account/logout/").status.code == 303)
            fixture.clock.advance(by: 60)
            let first = try await browser.logIn("bob", HTTPFixture.password, next: next)
            let location = try #require(first.headers[.location])
            #expect(location == "/account/two-factor/?next=/")
            let page = try await browser.get(location)
            let done = try await browser.post(
                "/account/two-factor/",
                form: [
                    ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("code", fixture.totp(secret)),
                    ("next", next),
                ])
            #expect(done.status.code == 303)
            #expect(done.headers[.location] == "/")
        }
    }
}
