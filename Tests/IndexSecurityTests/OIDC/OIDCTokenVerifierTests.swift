import Foundation
import IndexCore
import IndexSecurity
import JWTKit
import Testing

@Suite struct OIDCTokenVerifierTests {
    let issuer: TestIssuer
    let fetcher: StubJWKSFetcher
    let cache: JWKSCache
    let verifier: OIDCTokenVerifier

    init() async throws {
        issuer = try await TestIssuer()
        fetcher = StubJWKSFetcher(try issuer.jwks())
        cache = JWKSCache(fetcher: fetcher)
        verifier = OIDCTokenVerifier(keys: cache)
    }

    private func verify(_ token: String, at now: Timestamp = TestIssuer.now) async throws(OIDCError) -> OIDCClaims {
        try await verifier.verify(token, issuer: issuer.issuer, now: now)
    }

    private func refusal(_ token: String, at now: Timestamp = TestIssuer.now) async -> OIDCError? {
        do {
            _ = try await verify(token, at: now)
            return nil
        } catch {
            return error
        }
    }

    @Test func goodRS256TokenYieldsItsClaims() async throws {
        let claims = try await verify(try await issuer.token())
        #expect(claims.subject == "repo:octo/demo:ref:refs/heads/main")
        #expect(claims.tokenID == "jti-1" && claims.issuer == TestIssuer.url)
    }

    @Test func goodES256TokenYieldsItsClaims() async throws {
        let claims = try await verify(try await issuer.token(kid: "ec-1"))
        #expect(claims.tokenID == "jti-1")
    }

    @Test func signatureByAnotherKeyIsRefused() async throws {
        let forged = try await issuer.forger.sign(TestPayload(values: TestIssuer.claims()), kid: "rsa-1")
        let error = await refusal(forged)
        #expect(error?.reason == .signature)
        #expect(error?.message == "invalid token: signature verification failed")
    }

    @Test(arguments: ["none", "HS256", "RS512"])
    func algorithmsOtherThanRS256AndES256AreRefused(alg: String) async throws {
        let good = try await issuer.token().split(separator: ".")
        let header = TestIssuer.base64URL(Data(#"{"alg":"\#(alg)","kid":"rsa-1","typ":"JWT"}"#.utf8))
        #expect(await refusal("\(header).\(good[1]).\(good[2])")?.reason == .unsupportedAlgorithm)
        #expect(await refusal("\(header).\(good[1]).")?.reason == .malformed)
    }

    @Test func headerAlgorithmMustMatchTheKey() async throws {
        let good = try await issuer.token(kid: "ec-1").split(separator: ".")
        let header = TestIssuer.base64URL(Data(#"{"alg":"RS256","kid":"ec-1"}"#.utf8))
        #expect(await refusal("\(header).\(good[1]).\(good[2])")?.reason == .unsupportedAlgorithm)
    }

    @Test func wrongIssuerIsRefused() async throws {
        let error = await refusal(try await issuer.token(["iss": "https://issuer.test/"]))
        #expect(error?.reason == .issuer && error?.message == "invalid token: wrong issuer")
    }

    @Test func expiryAllowsThirtySecondsOfLeeway() async throws {
        let now = TestIssuer.now.secondsSinceEpoch
        _ = try await verify(try await issuer.token(["exp": .number(now - 29)]))
        #expect(await refusal(try await issuer.token(["exp": .number(now - 30)]))?.reason == .expired)
        #expect(
            await refusal(try await issuer.token(["exp": .number(now - 3600)]))?.message
                == "invalid token: token has expired")
        #expect(await refusal(try await issuer.token(["exp": nil]))?.reason == .missingClaim)
    }

    @Test func notBeforeAndIssuedAtInTheFutureAreRefusedBeyondLeeway() async throws {
        let now = TestIssuer.now.secondsSinceEpoch
        _ = try await verify(try await issuer.token(["nbf": .number(now + 30), "iat": .number(now + 30)]))
        #expect(await refusal(try await issuer.token(["nbf": .number(now + 31)]))?.reason == .notYetValid)
        #expect(await refusal(try await issuer.token(["iat": .number(now + 31)]))?.reason == .notYetValid)
        #expect(await refusal(try await issuer.token(["nbf": "soon"]))?.reason == .malformed)
    }

    @Test func twoAudiencesAreRefusedEvenIfOneIsOurs() async throws {
        let token = try await issuer.token(["aud": .array(["cheeseshop", "other"])])
        let error = await refusal(token)
        #expect(error?.reason == .audience)
        #expect(error?.message == "invalid token: the token must have exactly one audience")
        _ = try await verify(try await issuer.token(["aud": .array(["cheeseshop"])]))
    }

    @Test func wrongOrMissingAudienceIsRefused() async throws {
        #expect(await refusal(try await issuer.token(["aud": "pypi"]))?.message == "invalid token: wrong audience")
        #expect(await refusal(try await issuer.token(["aud": nil]))?.reason == .missingClaim)
    }

    @Test func missingJTIIsRefused() async throws {
        let error = await refusal(try await issuer.token(["jti": nil]))
        #expect(error?.message == "invalid token: missing claim 'jti'")
        #expect(await refusal(try await issuer.token(["jti": ""]))?.reason == .missingClaim)
    }

    @Test func oversizeTokenIsRefusedBeforeAnyParsing() async throws {
        let padding = ClaimValue.string(String(repeating: "x", count: 9000))
        let error = await refusal(try await issuer.token(["padding": padding]))
        #expect(error?.reason == .oversize)
        #expect(await fetcher.fetches == 0)
    }

    @Test(arguments: ["", "garbage", "a.b", "a.b.c", "....", "\u{0}.\u{0}.\u{0}", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"])
    func garbageIsMalformedNotACrash(token: String) async {
        let reason = await refusal(token)?.reason
        #expect(reason == .malformed || reason == .missingClaim)
    }
}
