import IndexCore
import IndexSecurity
import JWTKit
import Testing

@Suite struct JWKSCacheTests {
    @Test func unknownKIDRefetchesAtMostOncePerThirtySeconds() async throws {
        let issuer = try await TestIssuer()
        let fetcher = StubJWKSFetcher(try issuer.jwks())
        let verifier = OIDCTokenVerifier(keys: JWKSCache(fetcher: fetcher))
        let now = TestIssuer.now
        _ = try await verifier.verify(try await issuer.token(), issuer: issuer.issuer, now: now)
        #expect(await fetcher.fetches == 1)

        // The issuer rotates in a new key; a token under it arrives at once: no refetch yet.
        var rotated = try issuer.jwks()
        rotated.keys.append(try TestIssuer.jwk(issuer.otherRSA, kid: "rsa-other"))
        await fetcher.replace(rotated)
        let fresh = try await issuer.token(kid: "rsa-other")
        await #expect(throws: OIDCError.self) {
            try await verifier.verify(fresh, issuer: issuer.issuer, now: now)
        }
        #expect(await fetcher.fetches == 1)

        // Thirty seconds later the unknown kid triggers one refetch, which finds the key.
        let later = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + 30)
        _ = try await verifier.verify(fresh, issuer: issuer.issuer, now: later)
        #expect(await fetcher.fetches == 2)
        _ = try await verifier.verify(fresh, issuer: issuer.issuer, now: later)
        #expect(await fetcher.fetches == 2)
    }

    @Test func keysAreRefetchedWhenTheCacheLifetimeEnds() async throws {
        let issuer = try await TestIssuer()
        let fetcher = StubJWKSFetcher(try issuer.jwks())
        let cache = JWKSCache(fetcher: fetcher, lifetime: 600)
        let t0 = TestIssuer.now
        _ = try await cache.keys(for: issuer.issuer, kid: "rsa-1", now: t0)
        _ = try await cache.keys(
            for: issuer.issuer, kid: "rsa-1", now: Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + 599))
        #expect(await fetcher.fetches == 1)
        _ = try await cache.keys(
            for: issuer.issuer, kid: "rsa-1", now: Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + 600))
        #expect(await fetcher.fetches == 2)
    }

    @Test func jwksDocumentSkipsKeysItCannotRead() throws {
        let json =
            #"{"keys":[{"kty":"weird","kid":"x"},{"kty":"EC","crv":"P-256","kid":"ec","x":"AA","y":"AA","alg":"ES256"}]}"#
        let keys = try JWKSDocument.decode(Array(json.utf8))
        #expect(keys.keys.map { $0.keyIdentifier?.string } == ["ec"])
        #expect(throws: OIDCError.self) { try JWKSDocument.decode(Array("not json".utf8)) }
    }

    @Test func discoveryURLIsBuiltFromTheIssuer() {
        #expect(
            OIDCIssuer(url: "https://gitlab.com/", audience: "a").discoveryURL
                == "https://gitlab.com/.well-known/openid-configuration")
    }
}
