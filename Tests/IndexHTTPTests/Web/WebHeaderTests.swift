import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// W05: nothing a client sends becomes a header. W07: every web page carries the security
/// headers, the session cookie is HttpOnly, SameSite=Lax and Secure, and its id changes at
/// login (no fixation).
@Suite struct WebHeaderTests {
    private func expectSecurityHeaders(_ response: TestResponse, _ path: String) throws {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
        #expect(csp.contains("default-src 'none'"), "\(path)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
        let referrer = try #require(HTTPField.Name("Referrer-Policy"))
        let frames = try #require(HTTPField.Name("X-Frame-Options"))
        #expect(response.headers[referrer] != nil, "\(path)")
        #expect(response.headers[frames] == "DENY", "\(path)")
        #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true, "\(path)")
    }

    @Test func everyWebPageCarriesTheSecurityHeaders() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            for path in [
                "/account/login/", "/account/register/", "/account/request-password-reset/",
                "/account/reset-password/?token=x", "/account/two-factor/",
            ] {
                let response = try await browser.get(path)
                #expect([200, 303].contains(response.status.code), "\(path)")
                try expectSecurityHeaders(response, path)
            }
            let login = try await browser.logIn("bob", HTTPFixture.password)
            try expectSecurityHeaders(login, "POST /account/login/")
            let overview = try await browser.get("/manage/account/")
            #expect(overview.status.code == 200)
            try expectSecurityHeaders(overview, "/manage/account/")
            #expect(overview.headers[.cacheControl] == "no-store")
            let reauth = try await browser.postWithCSRF("/manage/account/reauthenticate/", form: [("password", "x")])
            #expect(reauth.status.code == 401)
            try expectSecurityHeaders(reauth, "401 of /manage/account/reauthenticate/")
            let forged = try await browser.post("/manage/account/token/", form: [("csrf_token", "x")])
            #expect(forged.status.code == 403)
            try expectSecurityHeaders(forged, "403 of /manage/account/token/")
            let tokenPage = try await browser.postWithCSRF("/manage/account/token/", form: [("description", "d")])
            #expect(tokenPage.status.code == 200)
            try expectSecurityHeaders(tokenPage, "/manage/account/token/")
        }
    }

    @Test func cookiesAreHttpOnlySameSiteLaxAndSecure() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get("/account/login/")
            let login = try await browser.logIn("bob", HTTPFixture.password)
            let cookies = page.headers[values: .setCookie] + login.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("session_id=") })
            #expect(cookies.contains { $0.hasPrefix("csrf_token=") })
            for cookie in cookies {
                let attributes = cookie.split(separator: ";").map { $0.trimmingWhitespace() }
                #expect(attributes.contains("HttpOnly"), "\(cookie)")
                #expect(attributes.contains("SameSite=Lax"), "\(cookie)")
                #expect(attributes.contains("Secure"), "\(cookie)")
                #expect(attributes.contains("Path=/"), "\(cookie)")
            }
        }
    }

    @Test func sessionIDChangesAtLoginAndTheOldOneEnds() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            // A cookie planted before login is not adopted.
            browser.cookies[AccountController.sessionCookie] = "planted.value"
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let first = try #require(browser.cookies[AccountController.sessionCookie])
            #expect(first != "planted.value")
            #expect(try await browser.get("/manage/account/").status.code == 200)

            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let second = try #require(browser.cookies[AccountController.sessionCookie])
            #expect(second != first)
            #expect(fixture.store.counts().sessions == 1)
            let old = try await client.execute(
                uri: "/manage/account/", method: .get, headers: [.cookie: "session_id=\(first)"])
            #expect(old.status.code == 303)
            #expect(old.headers[.location]?.hasPrefix("/account/login/") == true)
            #expect(try await browser.get("/manage/account/").status.code == 200)
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let cookie = try #require(browser.cookies[AccountController.sessionCookie])
            #expect(try await browser.postWithCSRF("/account/logout/").status.code == 303)
            #expect(fixture.store.counts().sessions == 0)
            let replayed = try await client.execute(
                uri: "/manage/account/", method: .get, headers: [.cookie: "session_id=\(cookie)"])
            #expect(replayed.status.code == 303)
        }
    }

    @Test(arguments: [
        "/simple/%0d%0aSet-Cookie:x=1/", "/simple/%0D%0ASet-Cookie:%20x=1", "/pypi/%0d%0aSet-Cookie:x=1/json",
        "/account/login/?next=%0d%0aSet-Cookie:x=1", "/manage/account/%0d%0aSet-Cookie:x=1",
        "/packages/%0d%0aSet-Cookie:x=1",
    ])
    func crlfInTheURLNeverBecomesAHeader(uri: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status.code < 500)
            for field in response.headers {
                #expect(!field.value.contains("x=1"), "\(field.name): \(field.value)")
                #expect(!field.value.contains("\r") && !field.value.contains("\n"))
            }
            #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("x=") })
        }
    }

    @Test func crlfInAFormNeverBecomesAHeader() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let responses = [
                try await browser.logIn("bob\r\nSet-Cookie: x=1", "p"),
                try await browser.logIn("bob", HTTPFixture.password, next: "/\r\nSet-Cookie: x=1"),
            ]
            for response in responses {
                for field in response.headers {
                    #expect(!field.value.contains("x=1"), "\(field.name): \(field.value)")
                }
            }
        }
    }

    @Test func errorTextWithCRLFStaysInTheBody() throws {
        let error = MessageError(400, "bad\r\nSet-Cookie: x=1\r\n\r\n<script>")
        #expect(!error.status.reasonPhrase.contains("\r") && !error.status.reasonPhrase.contains("\n"))
        #expect(MessageError.reasonPhrase(error.message) == "bad??Set-Cookie: x=1????<script>")
    }
}
