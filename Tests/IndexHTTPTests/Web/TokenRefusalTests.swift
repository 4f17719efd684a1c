import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// AU05: every way a token can be wrong answers 403 at the upload endpoint, never 500, and
/// nothing is stored. AU06: tokens never act on web pages. AU07: the upload endpoint never
/// takes a session cookie.
@Suite struct TokenRefusalTests {
    enum Tampering: String, CaseIterable, Sendable {
        case expired, notYetValid, expiredFiveMinutesAgo, validInFiveMinutes, deletedRow, frozenOwner
        case byteFlipped, caveatStripped, unsignedCaveatAppended, wrongPrefix, sixtyFourKilobytes
    }

    /// The token text for `tampering`, after changing the store where the case needs it.
    private func token(_ tampering: Tampering, _ fixture: HTTPFixture) async throws -> String {
        let now = Int64(fixture.clock.now().secondsSinceEpoch)
        let base = try Macaroon(parsing: fixture.token.text)
        switch tampering {
        case .expired:
            return fixture.expiredToken.text
        case .notYetValid:
            return base.adding(.expiration(expiresAt: now + 7200, notBefore: now + 3600)).serialized
        case .expiredFiveMinutesAgo:
            return base.adding(.expiration(expiresAt: now - 300, notBefore: now - 3600)).serialized
        case .validInFiveMinutes:
            return base.adding(.expiration(expiresAt: now + 3600, notBefore: now + 300)).serialized
        case .deletedRow:
            try await fixture.store.write { tx in try await tx.deleteToken(id: fixture.token.record.id) }
            return fixture.token.text
        case .frozenOwner:
            try await fixture.store.write { tx in
                guard var alice = try await tx.user(id: fixture.token.record.userID ?? UserID(0)) else { return }
                alice.isFrozen = true
                try await tx.updateUser(alice)
            }
            return fixture.token.text
        case .byteFlipped:
            var bytes = Array(fixture.token.text.utf8)
            let index = bytes.count / 2
            bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            return String(decoding: bytes, as: UTF8.self)
        case .caveatStripped:
            let scoped = try Macaroon(parsing: fixture.scopedToken.text)
            return Macaroon(
                location: scoped.location, identifier: scoped.identifier, caveats: Array(scoped.caveats.dropLast()),
                signature: scoped.signature
            ).serialized
        case .unsignedCaveatAppended:
            return Macaroon(
                location: base.location, identifier: base.identifier,
                caveats: base.caveats + [TokenCaveat.expiration(expiresAt: now + 60, notBefore: now).json],
                signature: base.signature
            ).serialized
        case .wrongPrefix:
            return "pypj-" + fixture.token.text.dropFirst(5)
        case .sixtyFourKilobytes:
            return "pypi-" + String(repeating: "A", count: 64 << 10)
        }
    }

    @Test(arguments: Tampering.allCases)
    func tamperedTokenIsRefusedWith403AndNothingIsStored(_ tampering: Tampering) async throws {
        let fixture = try await HTTPFixture()
        let text = try await token(tampering, fixture)
        try await fixture.application.test(.router) { client in
            for authorization in [HTTPFixture.tokenAuth(text), "Bearer \(text)"] {
                let response = try await HTTPFixture.upload(client, authorization: authorization)
                #expect(response.status.code == 403, "\(tampering): \(String(buffer: response.body))")
                #expect(String(buffer: response.body).hasPrefix("Invalid"))
            }
            #expect(fixture.store.counts().projects == 0)
            #expect(fixture.store.counts().files == 0)
            #expect(fixture.blobs.stagedCount == 0)
        }
    }

    @Test func tokenWithinItsWindowIsAccepted() async throws {
        let fixture = try await HTTPFixture()
        let now = Int64(fixture.clock.now().secondsSinceEpoch)
        let text = try Macaroon(parsing: fixture.token.text)
            .adding(.expiration(expiresAt: now + 300, notBefore: now - 300)).serialized
        try await fixture.application.test(.router) { client in
            let response = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(text))
            #expect(response.status.code == 200)
            #expect(fixture.store.counts().files == 1)
        }
    }

    @Test(arguments: [
        ("/manage/account/", HTTPRequest.Method.get), ("/account/login/", .post),
        ("/account/login/", .get), ("/manage/account/token/", .post), ("/account/logout/", .post),
    ])
    func apiTokenOnAWebPageIsRefused(path: String, method: HTTPRequest.Method) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let body = "csrf_token=x&username=alice&password=x&description=t"
            let response = try await client.execute(
                uri: path, method: method,
                headers: [
                    .authorization: HTTPFixture.tokenAuth(fixture.token.text),
                    .contentType: "application/x-www-form-urlencoded", .cookie: "csrf_token=x",
                ],
                body: ByteBuffer(string: body))
            #expect(response.status.code == 403)
            #expect(String(buffer: response.body).hasPrefix("API tokens can only be used"))
            #expect(response.headers[.setCookie] == nil)
            #expect(fixture.store.counts().sessions == 0)
            #expect(fixture.store.counts().tokens == 3)
        }
    }

    @Test func uploadWithOnlyASessionCookieIsRefused() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.createUser("bob")
        try await fixture.application.test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.logIn("bob", HTTPFixture.password).status.code == 303)
            let cookie = try #require(browser.cookies[AccountController.sessionCookie])
            #expect(try await browser.get("/manage/account/").status.code == 200)
            let csrf = try await browser.sessionCSRF()
            let body = MultipartBody(
                form: DistributionBuilder().form().merging(["csrf_token": [csrf ?? ""]]) { $1 },
                file: DistributionBuilder().wheel())
            let response = try await HTTPFixture.upload(
                client, authorization: nil, body: body,
                headers: [.cookie: "session_id=\(cookie)", .origin: "https://index.example"])
            #expect(response.status.code == 403)
            #expect(String(buffer: response.body).hasPrefix("Invalid or non-existent authentication information."))
            #expect(fixture.store.counts().projects == 0)
            #expect(fixture.store.counts().files == 0)
            #expect(fixture.blobs.stagedCount == 0)
        }
    }
}
