import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

@Suite struct PublisherAPITests {
    private static var github: [String: Any] {
        [
            "provider": "github", "issuer": OIDCFixture.issuerURL, "owner": "octo", "owner_id": "42",
            "repository": "demo", "workflow_filename": "release.yml",
        ]
    }

    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String,
        _ body: [String: Any]? = nil
    ) async throws -> (Int, [String: Any]) {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let response = try await client.execute(
            uri: uri, method: method, headers: [.authorization: HTTPFixture.basic("__token__", token)],
            body: ByteBuffer(bytes: data))
        let object =
            (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))) as? [String: Any]
        return (Int(response.status.code), object ?? ["text": String(buffer: response.body)])
    }

    @Test func pendingPublisherCreatesItsProjectAndBecomesAttached() async throws {
        let fixture = try await OIDCFixture()
        let token = fixture.base.token.text
        try await fixture.application.test(.router) { client in
            var body = Self.github
            body["project_name"] = "Demo"
            let (status, answer) = try await call(client, .post, "/api/publishers/pending", token: token, body)
            #expect(status == 200)
            let id = try #require(answer["id"] as? String)
            let (_, listed) = try await call(client, .get, "/api/publishers/pending", token: token)
            #expect((listed["publishers"] as? [[String: Any]])?.first?["pending_project_name"] as? String == "demo")

            let minted = try await OIDCFixture.mint(client, try await fixture.jwt())
            let publisherToken = try #require(try OIDCFixture.outcome(minted).token)
            #expect(try await OIDCFixture.upload(client, token: publisherToken, project: "other").status.code == 403)
            #expect(try await OIDCFixture.upload(client, token: publisherToken).status.code == 200)

            let project = try #require(try await fixture.store.project(normalizedName: "demo"))
            let publisher = try #require(try await fixture.store.publisher(id: id))
            #expect(publisher.projectID == project.id && publisher.pendingProjectName == nil)
            let alice = try await fixture.alice()
            #expect(try await fixture.store.roles(projectID: project.id).map(\.userID) == [alice.id])

            // The next job's token is bound to the project now.
            let next = try await OIDCFixture.mint(client, try await fixture.jwt(["jti": "jti-2"]))
            #expect(next.status.code == 200)
        }
    }

    @Test func pendingPublisherWhoseProjectWasTakenIsRefused() async throws {
        let fixture = try await OIDCFixture()
        let alice = try await fixture.alice()
        _ = try await ManagePublishers(store: fixture.store, clock: fixture.clock, random: fixture.base.random)
            .addPending(projectName: "demo", OIDCFixture.form, by: alice)
        _ = try await fixture.store.write { tx in
            try await tx.createProject(name: "demo", normalizedName: "demo", created: fixture.clock.now())
        }
        try await fixture.application.test(.router) { client in
            let response = try await OIDCFixture.mint(client, try await fixture.jwt())
            #expect(try OIDCFixture.outcome(response).code == "invalid-pending-publisher")
        }
    }

    @Test func ownerAddsListsAndRemovesAProjectPublisher() async throws {
        let fixture = try await OIDCFixture()
        let token = fixture.base.token.text
        _ = try await fixture.attachedPublisher(project: "demo")
        try await fixture.application.test(.router) { client in
            var gitlab: [String: Any] = [
                "provider": "gitlab", "issuer": OIDCFixture.issuerURL, "namespace": "g", "project": "demo",
                "workflow_filepath": ".gitlab-ci.yml",
            ]
            let (status, answer) = try await call(client, .post, "/api/projects/demo/publishers", token: token, gitlab)
            #expect(status == 200)
            let id = try #require(answer["id"] as? String)
            let (_, listed) = try await call(client, .get, "/api/projects/demo/publishers", token: token)
            #expect((listed["publishers"] as? [[String: Any]])?.count == 2)
            let (again, _) = try await call(client, .post, "/api/projects/demo/publishers", token: token, gitlab)
            #expect(again == 400)
            gitlab["issuer"] = "https://untrusted.example"
            let (untrusted, _) = try await call(client, .post, "/api/projects/demo/publishers", token: token, gitlab)
            #expect(untrusted == 400)
            let (removed, _) = try await call(client, .delete, "/api/projects/demo/publishers/\(id)", token: token)
            #expect(removed == 200)
            #expect(try await fixture.store.publisher(id: id) == nil)
            let (gone, _) = try await call(client, .delete, "/api/projects/demo/publishers/\(id)", token: token)
            #expect(gone == 404)
            let events = try await fixture.store.events(project: "demo", limit: 10).map(\.tag)
            #expect(
                events.contains("project:oidc:publisher-added") && events.contains("project:oidc:publisher-removed"))
        }
    }

    @Test(
        arguments: [
            ("demo", 400),  // exists
            ("DEMO", 400),  // exists, other spelling
            ("requests-", 400),  // invalid name
            ("os", 400),  // standard library
        ])
    func pendingPublisherForANameThatCannotBeRegisteredIsRefused(name: String, status: Int) async throws {
        let fixture = try await OIDCFixture()
        _ = try await fixture.attachedPublisher(project: "demo")
        try await fixture.application.test(.router) { client in
            var body = Self.github
            body["project_name"] = name
            let (answer, _) = try await call(
                client, .post, "/api/publishers/pending", token: fixture.base.token.text, body)
            #expect(answer == status)
        }
        #expect(fixture.store.counts().publishers == 1)
    }

    @Test func scopedTokensAndStrangersCannotManagePublishers() async throws {
        let fixture = try await OIDCFixture()
        try await fixture.application.test(.router) { client in
            var body = Self.github
            body["project_name"] = "fresh"
            let (scoped, _) = try await call(
                client, .post, "/api/publishers/pending", token: fixture.base.scopedToken.text, body)
            #expect(scoped == 403)
            let (missing, _) = try await call(
                client, .get, "/api/projects/nope/publishers", token: fixture.base.token.text)
            #expect(missing == 404)
        }
        let bob = try await fixture.store.write { tx in
            try await tx.createUser(
                username: "bob", email: "b@example.org", passwordHash: "", created: fixture.clock.now())
        }
        _ = try await fixture.attachedPublisher(project: "demo")
        let bobToken = try await TokenMinter(store: fixture.store, clock: fixture.clock, random: fixture.base.random)
            .mint(userID: bob.id, description: "bob", projects: [], expires: nil, event: nil)
        try await fixture.application.test(.router) { client in
            let (status, _) = try await call(client, .get, "/api/projects/demo/publishers", token: bobToken.text)
            #expect(status == 403)
        }
    }
}
