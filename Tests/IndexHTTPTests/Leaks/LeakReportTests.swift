import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// AU11: a leak report signed by the reporter's key revokes the token, mails its owner and
/// logs the event; a forged signature gets 400 and revokes nothing.
@Suite struct LeakReportTests {
    struct Keys: LeakReporterKeys {
        let pem: String
        func publicKey(id: String) async throws -> String? { id == "key-1" ? pem : nil }
    }

    private func application(_ fixture: HTTPFixture, reporter: P256.Signing.PrivateKey) -> some ApplicationProtocol {
        var security = fixture.security
        security.leakReporterKeys = Keys(pem: reporter.publicKey.pemRepresentation)
        return buildApplication(
            configuration: IndexServerConfiguration(baseURL: "https://index.example"), store: fixture.store,
            blobs: fixture.blobs, clock: fixture.clock, security: security)
    }

    private func report(_ token: String) -> [UInt8] {
        Array(
            #"[{"token": "\#(token)", "type": "pypi_api_token", "url": "https://example.com/leak", "source": "content"}, {"token": "pypi-garbage", "type": "pypi_api_token", "url": "https://example.com/x"}]"#
                .utf8)
    }

    private func post(
        _ client: some TestClientProtocol, _ body: [UInt8], keyID: String, signer: P256.Signing.PrivateKey
    )
        async throws -> TestResponse
    {
        let signature = try signer.signature(for: body).derRepresentation.base64EncodedString()
        return try await client.execute(
            uri: "/_/secrets/disclose-token", method: .post,
            headers: [
                try #require(HTTPField.Name("Github-Public-Key-Identifier")): keyID,
                try #require(HTTPField.Name("Github-Public-Key-Signature")): signature,
                .contentType: "application/json",
            ],
            body: ByteBuffer(bytes: body))
    }

    @Test func aSignedReportRevokesTheTokenAndTellsItsOwner() async throws {
        let fixture = try await HTTPFixture()
        let reporter = P256.Signing.PrivateKey()
        try await application(fixture, reporter: reporter).test(.router) { client in
            let response = try await post(client, report(fixture.token.text), keyID: "key-1", signer: reporter)
            #expect(response.status.code == 200)
            #expect(String(buffer: response.body) == "{\"revoked\": 1}")
        }
        #expect(try await fixture.store.token(id: fixture.token.record.id) == nil)
        #expect(try await fixture.store.token(id: fixture.scopedToken.record.id) != nil, "other tokens stay")
        let alice = try #require(fixture.token.record.userID)
        let events = try await fixture.store.events(userID: alice, limit: 10)
        #expect(events.first?.tag == "account:api_token:removed_leak")
        #expect(events.first?.details["url"] == "https://example.com/leak")
        #expect(fixture.mailer.messages.map(\.to) == ["a@example.org"])
    }

    @Test(arguments: ["forged", "unknown key", "garbage signature"])
    func aReportThatDoesNotVerifyRevokesNothing(_ variant: String) async throws {
        let fixture = try await HTTPFixture()
        let reporter = P256.Signing.PrivateKey()
        try await application(fixture, reporter: reporter).test(.router) { client in
            let response: TestResponse
            switch variant {
            case "forged":
                response = try await post(
                    client, report(fixture.token.text), keyID: "key-1", signer: P256.Signing.PrivateKey())
            case "unknown key":
                response = try await post(client, report(fixture.token.text), keyID: "key-2", signer: reporter)
            default:
                response = try await client.execute(
                    uri: "/_/secrets/disclose-token", method: .post,
                    headers: [
                        try #require(HTTPField.Name("Github-Public-Key-Identifier")): "key-1",
                        try #require(HTTPField.Name("Github-Public-Key-Signature")): "not-base64!",
                    ],
                    body: ByteBuffer(bytes: report(fixture.token.text)))
            }
            #expect(response.status.code == 400)
            #expect(String(buffer: response.body) == "Invalid signature.")
        }
        #expect(try await fixture.store.token(id: fixture.token.record.id) != nil)
        #expect(fixture.mailer.messages.isEmpty)
    }
}
