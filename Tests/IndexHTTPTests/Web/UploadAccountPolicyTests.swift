import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// AU10: an account registered on the web uploads only with a verified address and 2FA; an
/// administrator-made one is exempt from 2FA. AU09: one user cannot delete another's token.
@Suite struct UploadAccountPolicyTests {
    @Test func webAccountNeedsAVerifiedAddressThenTwoFactorToUpload() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get("/account/register/")
            let registered = try await browser.post(
                "/account/register/",
                form: [
                    ("csrf_token", Page.field("csrf_token", in: page) ?? ""), ("username", "newbie"),
                    ("email", "newbie@example.org"), ("password", HTTPFixture.password),
                ])
            #expect(registered.status.code == 200)
            let user = try #require(try await fixture.store.user(username: "newbie"))
            #expect(user.origin == .web && !user.emailVerified)

            #expect(try await browser.logIn("newbie", HTTPFixture.password).status.code == 303)
            let created = try await browser.postWithCSRF("/manage/account/token/", form: [("description", "ci")])
            #expect(created.status.code == 200)
            let token = try #require(Page.element("token", in: created))
            let auth = HTTPFixture.tokenAuth(token)

            let unverified = try await HTTPFixture.upload(client, authorization: auth)
            #expect(unverified.status.code == 403)
            #expect(
                String(buffer: unverified.body).hasPrefix(
                    "User 'newbie' does not have a verified primary email address."))
            #expect(fixture.store.counts().projects == 0)

            let mail = try #require(fixture.mailer.messages.last { $0.to == "newbie@example.org" })
            let link = try #require(
                mail.body.split(separator: "\n").first { $0.contains("/account/verify-email/") })
            let path = try #require(link.range(of: "/account/verify-email/").map { String(link[$0.lowerBound...]) })
            #expect(try await browser.get(path).status.code == 200)
            #expect(try await fixture.store.user(username: "newbie")?.emailVerified == true)

            let noTwoFactor = try await HTTPFixture.upload(client, authorization: auth)
            #expect(noTwoFactor.status.code == 403)
            #expect(
                String(buffer: noTwoFactor.body).hasPrefix(
                    "User 'newbie' does not have two-factor authentication enabled."))
            #expect(fixture.store.counts().projects == 0)
            #expect(fixture.blobs.stagedCount == 0)

            _ = try await fixture.enableTOTP(&browser)
            let accepted = try await HTTPFixture.upload(client, authorization: auth)
            #expect(accepted.status.code == 200)
            #expect(fixture.store.counts().projects == 1)
        }
    }

    @Test func administratorMadeAccountIsExemptFromTwoFactor() async throws {
        let fixture = try await HTTPFixture()
        let carol = try await fixture.createUser("carol")
        let token = try await fixture.mintToken(for: carol)
        try await fixture.application.test(.router) { client in
            let response = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(token.text))
            #expect(response.status.code == 200)
            #expect(fixture.store.counts().projects == 1)
        }
    }

    @Test func administratorMadeAccountStillNeedsAVerifiedAddress() async throws {
        let fixture = try await HTTPFixture()
        let carol = try await fixture.createUser("carol", verified: false)
        let token = try await fixture.mintToken(for: carol)
        try await fixture.application.test(.router) { client in
            let response = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(token.text))
            #expect(response.status.code == 403)
            #expect(fixture.store.counts().projects == 0)
        }
    }

    @Test func deletingAnotherUsersTokenByIDIsNotFoundAndChangesNothing() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        let carol = try await fixture.createUser("carol")
        let carolsToken = try await fixture.mintToken(for: carol)
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let tokensBefore = fixture.store.counts().tokens
            let refused = try await browser.postWithCSRF(
                "/manage/account/token/delete/", form: [("token_id", carolsToken.record.id.rawValue)])
            #expect(refused.status.code == 404)
            #expect(fixture.store.counts().tokens == tokensBefore)
            #expect(try await fixture.store.token(id: carolsToken.record.id) != nil)
            #expect(try await fixture.eventTags("bob").contains("account:api_token:removed") == false)
            let upload = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(carolsToken.text))
            #expect(upload.status.code == 200)
        }
    }

    @Test func deletingOwnTokenRevokesIt() async throws {
        let fixture = try await HTTPFixture()
        let bob = try await fixture.createUser("bob")
        let token = try await fixture.mintToken(for: bob)
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let deleted = try await browser.postWithCSRF(
                "/manage/account/token/delete/", form: [("token_id", token.record.id.rawValue)])
            #expect(deleted.status.code == 303)
            #expect(try await fixture.store.token(id: token.record.id) == nil)
            let upload = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(token.text))
            #expect(upload.status.code == 403)
        }
    }
}
