import AsyncHTTPClient
import Foundation
import IndexCore
import IndexSecurity
import Testing

/// End to end against `scripts/oidc-issuer.py`, only when its URL is given (this touches a
/// local socket, so the default test run skips it):
///
///     python3 scripts/oidc-issuer.py 8700 &
///     CHEESESHOP_TEST_OIDC_ISSUER=http://127.0.0.1:8700 swift test --filter LocalIssuerTests
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CHEESESHOP_TEST_OIDC_ISSUER"] != nil))
struct LocalIssuerTests {
    @Test func discoversKeysAndVerifiesATokenFromThePythonIssuer() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["CHEESESHOP_TEST_OIDC_ISSUER"])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let now = TestIssuer.now.secondsSinceEpoch
            var request = HTTPClientRequest(url: url + "/token")
            request.method = .POST
            let body = #"{"aud":"cheeseshop","sub":"repo:octo/demo","iat":\#(Int(now)),"exp":\#(Int(now) + 300)}"#
            request.body = .bytes(Array(body.utf8), length: .known(Int64(body.utf8.count)))
            // Generous deadlines (here and the key fetch's): the issuer is local, the machine may be busy.
            let response = try await client.execute(request, timeout: .seconds(60))
            let reply = try await response.body.collect(upTo: 1 << 16)
            let token = try #require(
                try JSONSerialization.jsonObject(with: Data(reply.readableBytesView)) as? [String: String])["token"]
            let issuer = OIDCIssuer(url: url, audience: "cheeseshop")
            let verifier = OIDCTokenVerifier(
                keys: JWKSCache(fetcher: HTTPJWKSFetcher(client: client, timeoutSeconds: 60)))
            let claims = try await verifier.verify(try #require(token), issuer: issuer, now: TestIssuer.now)
            #expect(claims.subject == "repo:octo/demo")
            let wrongAudience = OIDCIssuer(url: url, audience: "pypi")
            await #expect(throws: OIDCError.self) {
                try await verifier.verify(try #require(token), issuer: wrongAudience, now: TestIssuer.now)
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
