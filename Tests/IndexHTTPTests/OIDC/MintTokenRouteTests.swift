import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

@Suite struct MintTokenRouteTests {
    @Test func audienceAnswersTheConfiguredAudience() async throws {
        let fixture = try await OIDCFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/_/oidc/audience", method: .get)
            #expect(response.status.code == 200)
            #expect(String(buffer: response.body) == #"{"audience":"cheeseshop"}"#)
        }
    }

    @Test func switchedOffAnswersAsWarehouseDoes() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let audience = try await client.execute(uri: "/_/oidc/audience", method: .get)
            #expect(audience.status.code == 403)
            #expect(String(buffer: audience.body) == #"{"message":"Trusted publishing functionality not enabled"}"#)
            let mint = try await OIDCFixture.mint(client, "x.y.z")
            #expect(mint.status.code == 422)
            #expect(try OIDCFixture.outcome(mint).code == "not-enabled")
        }
    }

    @Test func sameJTITwiceConcurrentlyMintsExactlyOneToken() async throws {
        let fixture = try await OIDCFixture()
        let publisher = try await fixture.attachedPublisher()
        let jwt = try await fixture.jwt()
        let tokensBefore = fixture.store.counts().tokens
        try await fixture.application.test(.router) { client in
            let outcomes = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await OIDCFixture.mint(client, jwt)
                        return (response.status.code, try OIDCFixture.outcome(response).code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.0 == 200 }.count == 1)
            #expect(outcomes.filter { $0 == (422, "invalid-reuse-token") }.count == 7)
        }
        #expect(fixture.store.counts().tokens == tokensBefore + 1)
        let events = try await fixture.store.events(project: "demo", limit: 10)
        let minted = try #require(events.first { $0.tag == "project:oidc:token-minted" })
        #expect(minted.details["publisher"] == publisher.id && minted.details["jti"] == "jti-1")
        #expect(minted.details["sha"] == "0123abcd" && minted.userID == publisher.addedBy)
    }

    @Test(
        arguments: [
            (["aud": .array(["cheeseshop", "other"])], "invalid-token"),
            (["aud": "someone-else"], "invalid-token"),
            (["iss": "https://evil.test"], "invalid-payload"),
            (["exp": .number(1_767_225_600 - 100)], "invalid-token"),
            (["job_workflow_ref": "octo/demo/.github/workflows/other.yml@refs/heads/main"], "invalid-publisher"),
            (["event_name": "pull_request_target"], "invalid-publisher"),
            (["repository_owner_id": "43"], "invalid-publisher"),
            (["jti": nil], "invalid-token"),
        ] as [([String: ClaimValue?], String)])
    func refusedTokensAnswer422AndMintNothing(changes: [String: ClaimValue?], code: String) async throws {
        let fixture = try await OIDCFixture()
        _ = try await fixture.attachedPublisher()
        let jwt = try await fixture.jwt(changes)
        let tokensBefore = fixture.store.counts().tokens
        try await fixture.application.test(.router) { client in
            let response = try await OIDCFixture.mint(client, jwt)
            #expect(response.status.code == 422)
            #expect(try OIDCFixture.outcome(response).code == code)
            #expect(String(buffer: response.body).contains(#""message":"Token request failed""#))
        }
        #expect(fixture.store.counts().tokens == tokensBefore)
    }

    @Test(arguments: ["", "not json", #"{"token": 5}"#, #"{"tok": "a.b.c"}"#, #"{"token": "a.b.c"}"#])
    func malformedPayloadsAreInvalidPayload(body: String) async throws {
        let fixture = try await OIDCFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/_/oidc/mint-token", method: .post, body: ByteBuffer(string: body))
            #expect(response.status.code == 422)
            #expect(try OIDCFixture.outcome(response).code == "invalid-payload")
        }
    }

    @Test func oversizedBodyIsRefused() async throws {
        let fixture = try await OIDCFixture()
        try await fixture.application.test(.router) { client in
            let body = #"{"token": ""# + String(repeating: "a", count: 20_000) + #""}"#
            let response = try await client.execute(
                uri: "/_/oidc/mint-token", method: .post, body: ByteBuffer(string: body))
            #expect(response.status.code == 422)
        }
    }

    @Test func mintedTokenUploadsToItsProjectOnlyAndExpiresAfter900Seconds() async throws {
        let fixture = try await OIDCFixture()
        _ = try await fixture.attachedPublisher()
        _ = try await fixture.store.write { tx in
            try await tx.createProject(name: "other", normalizedName: "other", created: fixture.clock.now())
        }
        try await fixture.application.test(.router) { client in
            let token = try #require(
                try OIDCFixture.outcome(try await OIDCFixture.mint(client, try await fixture.jwt())).token)
            let other = try await OIDCFixture.upload(client, token: token, project: "other")
            #expect(other.status.code == 403)
            #expect(String(buffer: other.body).contains("other"))
            let created = try await OIDCFixture.upload(client, token: token, project: "brand-new")
            #expect(created.status.code == 403)
            let good = try await OIDCFixture.upload(client, token: token)
            #expect(good.status.code == 200)
            #expect(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl") != nil)
            fixture.clock.advance(by: 901)
            let late = try await OIDCFixture.upload(client, token: token)
            #expect(late.status.code == 403)
            #expect(String(buffer: late.body).hasPrefix("Invalid API Token:"))
        }
    }
}
