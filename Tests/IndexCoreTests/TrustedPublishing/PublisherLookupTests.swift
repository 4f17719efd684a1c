import IndexCore
import Testing

@Suite struct PublisherLookupTests {
    @Test func findsTheOneMatchingPublisherAmongOthers() throws {
        let other = TrustedPublisher.github(
            id: "gh-other", .init(owner: "someone", ownerID: "9", repository: "x", workflowFilename: "release.yml"))
        let found = try TrustedPublisher.find(
            among: [other, GitHubClaims.publisher(), GitLabAndGenericMatchTests.gitlab()],
            matching: GitHubClaims.claims())
        #expect(found.id == "gh-1")
    }

    @Test func environmentBoundPublisherIsPreferredOverAGeneralOne() throws {
        let general = GitHubClaims.publisher(id: "general")
        let specific = GitHubClaims.publisher(environment: "pypi", id: "specific")
        let found = try TrustedPublisher.find(among: [general, specific], matching: GitHubClaims.claims())
        #expect(found.id == "specific")
    }

    @Test func twoEquallySpecificMatchesAreRefused() {
        #expect(throws: TrustedPublishingError.self) {
            try TrustedPublisher.find(
                among: [GitHubClaims.publisher(id: "a"), GitHubClaims.publisher(id: "b")],
                matching: GitHubClaims.claims())
        }
    }

    @Test func aSingleCandidateExplainsItsMismatch() {
        let error = #expect(throws: TrustedPublishingError.self) {
            try TrustedPublisher.find(
                among: [GitHubClaims.publisher()], matching: GitHubClaims.claims(["repository_owner_id": "1"]))
        }
        #expect(error?.code == "invalid-publisher")
        #expect(
            error?.message
                == "valid token, but no corresponding publisher (Check failed for required claim 'repository_owner_id')"
        )
        #expect(error?.kind == .unprocessable)
    }

    @Test func noCandidateForTheIssuerIsNotFound() {
        let error = #expect(throws: TrustedPublishingError.self) {
            try TrustedPublisher.find(among: [GitLabAndGenericMatchTests.gitlab()], matching: GitHubClaims.claims())
        }
        #expect(
            error?.message
                == "valid token, but no corresponding publisher (Publisher with matching claims was not found)")
    }

    @Test func claimAccessorsReadRegisteredClaims() {
        let claims = OIDCClaims([
            "iss": "i", "sub": "s", "jti": "j", "aud": .array(["a", "b"]),
            "exp": .number(100), "iat": .number(50), "nbf": .number(60),
        ])
        #expect(claims.issuer == "i" && claims.subject == "s" && claims.tokenID == "j")
        #expect(claims.audiences == ["a", "b"])
        #expect(claims.expiresAt?.secondsSinceEpoch == 100)
        #expect(claims.issuedAt?.secondsSinceEpoch == 50)
        #expect(claims.notBefore?.secondsSinceEpoch == 60)
        #expect(OIDCClaims(["aud": .number(1)]).audiences == nil)
        #expect(OIDCClaims([:]).audiences == [])
    }

    @Test func mintPolicyUsesWarehouseNumbers() {
        let policy = MintPolicy()
        let t = Timestamp(secondsSinceEpoch: 1000)
        #expect(policy.mintedTokenExpiry(mintedAt: t).secondsSinceEpoch == 1900)
        #expect(policy.leeway == 30)
        #expect(policy.jtiLockExpiry(tokenExpiry: t).secondsSinceEpoch == 1035)
    }
}
