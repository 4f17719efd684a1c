import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// AU02: the second login step through the pages: a limit on bad codes, no replay of the last
/// accepted code, no space normalisation, recovery codes work once.
@Suite struct TwoFactorLoginTests {
    /// Logs in with the password and answers the second-factor form with `code`.
    private func secondStep(_ browser: inout Browser, code: String) async throws -> TestResponse {
        let page = try await browser.get("/account/two-factor/")
        return try await browser.post(
            "/account/two-factor/",
            form: [
                ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("code", code),
                ("next", "/manage/account/"),
            ])
    }

    @Test func enrollmentThroughThePagesThenTheSecondStepIsGuarded() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let (secret, recoveryCodes) = try await fixture.enableTOTP(&browser)
            #expect(try await fixture.store.user(username: "bob")?.totpSecret == secret)
            #expect(try await browser.postWithCSRF("/account/logout/").status.code == 303)
            #expect(browser.cookies[AccountController.sessionCookie] == nil)

            // The password alone gives a session that only reaches the second-factor form.
            let password = try await browser.logIn("bob", HTTPFixture.password)
            #expect(password.status.code == 303)
            #expect(password.headers[.location]?.hasPrefix("/account/two-factor/") == true)
            #expect(try await browser.get("/manage/account/").status.code == 303)

            // Five bad codes are refused; the sixth attempt, even with the right code, is limited.
            for step in 0..<5 {
                let bad = try await secondStep(&browser, code: fixture.totp(secret, steps: 5 + Int64(step)))
                #expect(bad.status.code == 401)
            }
            let limited = try await secondStep(&browser, code: fixture.totp(secret, steps: 20))
            #expect(limited.status.code == 429)
            #expect(limited.headers[.retryAfter] != nil)
            let stillLimited = try await secondStep(&browser, code: fixture.totp(secret))
            #expect(stillLimited.status.code == 429)
            #expect(try await browser.get("/manage/account/").status.code == 303)
            #expect(try await fixture.eventTags("bob").filter { $0 == "account:login:failure" }.count == 5)

            fixture.clock.advance(by: 301)
            // A code with a space is not normalised.
            let code = fixture.totp(secret)
            let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
            #expect(try await secondStep(&browser, code: spaced).status.code == 401)
            let accepted = try await secondStep(&browser, code: code)
            #expect(accepted.status.code == 303)
            #expect(accepted.headers[.location] == "/manage/account/")
            #expect(try await browser.get("/manage/account/").status.code == 200)

            // The same code again (same time step) is a replay.
            #expect(try await browser.postWithCSRF("/account/logout/").status.code == 303)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            #expect(try await secondStep(&browser, code: code).status.code == 401)
            #expect(try await browser.get("/manage/account/").status.code == 303)

            // A recovery code works once.
            let recovered = try await secondStep(&browser, code: recoveryCodes[0])
            #expect(recovered.status.code == 303)
            #expect(try await browser.get("/manage/account/").status.code == 200)
            #expect(try await fixture.eventTags("bob").contains("account:recovery_codes:used"))
            #expect(try await browser.postWithCSRF("/account/logout/").status.code == 303)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            #expect(try await secondStep(&browser, code: recoveryCodes[0]).status.code == 401)
            #expect(try await browser.get("/manage/account/").status.code == 303)
            #expect(try await secondStep(&browser, code: recoveryCodes[1]).status.code == 303)
        }
    }

    @Test func enrollmentNeedsARecentPassword() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            fixture.clock.advance(by: 16 * 60)
            let begin = try await browser.postWithCSRF("/manage/account/totp-provision/")
            #expect(begin.status.code == 401)
            #expect(String(buffer: begin.body).contains("/manage/account/reauthenticate/"))
            #expect(try await fixture.store.user(username: "bob")?.totpSecret == nil)
        }
    }
}
