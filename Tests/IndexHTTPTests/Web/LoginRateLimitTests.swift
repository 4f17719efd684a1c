import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// AU01: failed logins are limited per user and per address (the right password is refused
/// too while the limit holds), every failure is in the security log; new projects are limited
/// to 20 per user per hour.
@Suite struct LoginRateLimitTests {
    @Test func eleventhAttemptWithTheRightPasswordIsRefusedUntilTheWindowEnds() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            for _ in 0..<10 {
                let refused = try await browser.logIn("bob", "wrong password")
                #expect(refused.status.code == 401)
            }
            let limited = try await browser.logIn("bob", HTTPFixture.password)
            #expect(limited.status.code == 429)
            let retry = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry > 0 && retry <= 300)
            #expect(String(buffer: limited.body).contains("too many unsuccessful login attempts"))
            #expect(browser.cookies[AccountController.sessionCookie] == nil)
            #expect(fixture.store.counts().sessions == 0)
            let tags = try await fixture.eventTags("bob")
            #expect(tags.filter { $0 == "account:login:failure" }.count == 10)
            #expect(!tags.contains("account:login:success"))

            fixture.clock.advance(by: 301)
            let accepted = try await browser.logIn("bob", HTTPFixture.password)
            #expect(accepted.status.code == 303)
            #expect(browser.cookies[AccountController.sessionCookie] != nil)
            #expect(try await browser.get("/manage/account/").status.code == 200)
            #expect(try await fixture.eventTags("bob").last == "account:login:success")
        }
    }

    @Test func failuresAcrossUsersFromOneAddressLockTheAddress() async throws {
        let fixture = try await HTTPFixture()
        for name in ["bob", "carol", "dave"] { try await fixture.createUser(name) }
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            for attempt in 0..<10 {
                let refused = try await browser.logIn(attempt.isMultiple(of: 2) ? "bob" : "carol", "wrong password")
                #expect(refused.status.code == 401)
            }
            let limited = try await browser.logIn("dave", HTTPFixture.password)
            #expect(limited.status.code == 429)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(fixture.store.counts().sessions == 0)
            #expect(try await fixture.eventTags("dave").isEmpty)
            #expect(try await fixture.eventTags("bob").filter { $0 == "account:login:failure" }.count == 5)
        }
    }

    @Test func unknownUsersCountAgainstTheAddressToo() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            for attempt in 0..<10 {
                let refused = try await browser.logIn("ghost\(attempt)", "whatever")
                #expect(refused.status.code == 401)
            }
            let limited = try await browser.logIn("bob", HTTPFixture.password)
            #expect(limited.status.code == 429)
        }
    }

    @Test func twentyFirstNewProjectInAnHourIsRefusedAndNotCreated() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let auth = HTTPFixture.tokenAuth(fixture.token.text)
            for index in 0..<20 {
                let response = try await HTTPFixture.upload(
                    client, authorization: auth, body: HTTPFixture.wheelBody("proj\(index)"))
                #expect(response.status.code == 200)
            }
            #expect(fixture.store.counts().projects == 20)
            let refused = try await HTTPFixture.upload(
                client, authorization: auth, body: HTTPFixture.wheelBody("proj20"))
            #expect(refused.status.code == 429)
            #expect(String(buffer: refused.body).hasPrefix("Too many new projects created"))
            #expect(fixture.store.counts().projects == 20)
            #expect(try await fixture.store.project(normalizedName: "proj20") == nil)
            #expect(fixture.store.counts().files == 20)
            // A new release of an existing project is not a new project.
            let release = try await HTTPFixture.upload(
                client, authorization: auth, body: HTTPFixture.wheelBody("proj0", version: "2.0"))
            #expect(release.status.code == 200)

            fixture.clock.advance(by: 3601)
            let later = try await HTTPFixture.upload(client, authorization: auth, body: HTTPFixture.wheelBody("proj20"))
            #expect(later.status.code == 200)
            #expect(fixture.store.counts().projects == 21)
        }
    }
}
