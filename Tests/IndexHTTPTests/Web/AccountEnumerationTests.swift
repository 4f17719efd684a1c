import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// W08: login, password reset and registration answer the same for an existing account as
/// for an unknown one (status, body, headers but for random cookie values).
@Suite struct AccountEnumerationTests {
    /// The parts of an answer an attacker compares: status, body, header names and the names
    /// of the cookies set.
    private func shape(_ response: TestResponse) -> [String] {
        let cookies = response.headers[values: .setCookie].map { String($0.prefix { $0 != "=" }) }
        return ["\(response.status.code) \(response.status.reasonPhrase)", String(buffer: response.body)]
            + response.headers.map { $0.name.canonicalName }.sorted() + cookies.sorted()
    }

    @Test func loginOfAnUnknownUserAnswersAsAWrongPassword() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let unknown = try await browser.logIn("nobody", "wrong password")
            let wrong = try await browser.logIn("bob", "wrong password")
            #expect(unknown.status.code == 401)
            #expect(shape(unknown) == shape(wrong))
            #expect(fixture.store.counts().sessions == 0)
        }
    }

    @Test(arguments: ["bob", "bob@example.org"])
    func passwordResetForAnExistingAccountAnswersAsForAnUnknownOne(existing: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            func request(_ who: String) async throws -> TestResponse {
                let page = try await browser.get("/account/request-password-reset/")
                return try await browser.post(
                    "/account/request-password-reset/",
                    form: [("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("username_or_email", who)])
            }
            let known = try await request(existing)
            let unknown = try await request(existing.contains("@") ? "nobody@example.org" : "nobody")
            #expect(known.status.code == 200)
            #expect(shape(known) == shape(unknown))
            #expect(fixture.mailer.messages.count == 1)
            #expect(fixture.mailer.messages.first?.to == "bob@example.org")
        }
    }

    @Test func registeringWithAnAddressInUseAnswersAsAFreshAddress() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            func register(_ username: String, _ email: String) async throws -> TestResponse {
                let page = try await browser.get("/account/register/")
                return try await browser.post(
                    "/account/register/",
                    form: [
                        ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("username", username),
                        ("email", email), ("password", HTTPFixture.password),
                    ])
            }
            let taken = try await register("mallory", "bob@example.org")
            let fresh = try await register("newbie", "newbie@example.org")
            #expect(fresh.status.code == 200)
            #expect(shape(taken) == shape(fresh))
            #expect(try await fixture.store.user(username: "mallory") == nil)
            #expect(try await fixture.store.user(email: "bob@example.org")?.username == "bob")
            #expect(try await fixture.store.user(username: "newbie") != nil)
            // The owner of the address is told; the new address gets its verification link.
            #expect(fixture.mailer.messages.map(\.to) == ["bob@example.org", "newbie@example.org"])
        }
    }
}
