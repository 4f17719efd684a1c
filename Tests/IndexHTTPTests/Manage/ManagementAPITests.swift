import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Testing

@testable import IndexHTTP

/// The management API: token holders yank, delete, archive and manage roles; scope, role and
/// slug checks refuse everything else and change nothing (AU04, AU09).
@Suite struct ManagementAPITests {
    /// The fixture with `demo 1.0` uploaded by alice, and bob with his own token.
    private func seeded() async throws -> (HTTPFixture, bobToken: String) {
        let fixture = try await HTTPFixture()
        let builder = DistributionBuilder()
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let sha256 = hasher.finalize().sha256
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/legacy/", method: .post,
                headers: [
                    .contentType: MultipartBody.contentType,
                    .authorization: HTTPFixture.basic("__token__", fixture.token.text),
                ],
                body: MultipartBody(form: builder.form(sha256: sha256), file: wheel).buffer)
            #expect(response.status.code == 200)
        }
        let clock = fixture.clock
        let bob = try await fixture.store.write { tx in
            try await tx.createVerifiedUser(username: "bob", email: "b@example.org", created: clock.now())
        }
        let bobToken = try await TokenMinter(store: fixture.store, clock: fixture.clock, random: fixture.random).mint(
            userID: bob.id, description: "bob", projects: [], expires: nil, event: nil)
        return (fixture, bobToken.text)
    }

    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: String = ""
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = HTTPFixture.basic("__token__", token) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    private func release(_ fixture: HTTPFixture) async throws -> Release? {
        try await fixture.store.projectDetail(normalizedName: "demo")?.releases.first
    }

    @Test func anOwnersTokenYanksAndUnyanksWithAReason() async throws {
        let (fixture, _) = try await seeded()
        try await fixture.application.test(.router) { client in
            let yank = try await call(
                client, .post, "/api/projects/Demo/releases/1.0/yank", token: fixture.token.text,
                json: #"{"reason": "broken build"}"#)
            #expect(yank.status.code == 200)
            #expect(String(buffer: yank.body).hasPrefix("{\"serial\": "))
            #expect(try await release(fixture)?.yanked == true)
            #expect(try await release(fixture)?.yankedReason == "broken build")
            let events = try await fixture.store.events(project: "demo", limit: 5)
            #expect(events.first?.tag == "project:manage" && events.first?.details["version"] == "1.0")
            let history = try await call(client, .get, "/api/projects/demo/events", token: fixture.token.text)
            #expect(history.status.code == 200)
            #expect(String(buffer: history.body).contains(#""tag":"project:manage""#))
            #expect(String(buffer: history.body).contains(#""tag":"project:release:file:add""#))
            let unyank = try await call(
                client, .post, "/api/projects/demo/releases/1.0/unyank", token: fixture.token.text)
            #expect(unyank.status.code == 200)
            #expect(try await release(fixture)?.yanked == false)
        }
    }

    @Test func refusalsChangeNothing() async throws {
        let (fixture, bobToken) = try await seeded()
        let journal = try await fixture.store.maxSerial()
        let cases: [(HTTPRequest.Method, String, String?, Int, String)] = [
            (.post, "/api/projects/demo/releases/1.0/yank", nil, 403, "Invalid or non-existent authentication"),
            (
                .post, "/api/projects/demo/releases/1.0/yank", fixture.scopedToken.text, 403,
                "The given token isn't allowed to manage project 'demo'"
            ),
            (
                .post, "/api/projects/demo/releases/1.0/yank", fixture.expiredToken.text, 403,
                "Invalid API Token: token is expired"
            ),
            (.post, "/api/projects/demo/releases/1.0/yank", bobToken, 403, "The user 'bob' isn't allowed"),
            (
                .delete, "/api/projects/demo/files/demo-1.0-py3-none-any.whl", bobToken, 403,
                "The user 'bob' isn't allowed"
            ),
            (.delete, "/api/projects/demo/releases/1.0", bobToken, 403, "The user 'bob' isn't allowed"),
            (.post, "/api/projects/demo/archive", bobToken, 403, "The user 'bob' isn't allowed"),
            (.post, "/api/projects/..%2Fdemo/releases/1.0/yank", fixture.token.text, 404, ""),
            (.post, "/api/projects/demo/releases/1.0%2F..%2F2.0/yank", fixture.token.text, 404, ""),
            (.delete, "/api/projects/demo/files/..%2F..%2Fetc%2Fpasswd", fixture.token.text, 404, ""),
            (.post, "/api/projects/demo/roles", bobToken, 403, "The user 'bob' isn't allowed"),
            (.get, "/api/projects/demo/events", bobToken, 403, "The user 'bob' isn't allowed"),
        ]
        try await fixture.application.test(.router) { client in
            for (method, uri, token, status, message) in cases {
                let response = try await call(
                    client, method, uri, token: token, json: #"{"username": "bob", "role": "Owner"}"#)
                #expect(response.status.code == status, "\(method) \(uri)")
                #expect(String(buffer: response.body).hasPrefix(message), "\(uri): \(String(buffer: response.body))")
            }
        }
        #expect(try await fixture.store.maxSerial() == journal)
        #expect(try await release(fixture)?.yanked == false)
        #expect(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl") != nil)
        #expect(try await fixture.store.invitations(userID: UserID(2)).isEmpty)
    }

    @Test func ownersInviteAndTheInviteeAccepts() async throws {
        let (fixture, bobToken) = try await seeded()
        try await fixture.application.test(.router) { client in
            let invite = try await call(
                client, .post, "/api/projects/demo/roles", token: fixture.token.text,
                json: #"{"username": "bob", "role": "Maintainer"}"#)
            #expect(invite.status.code == 200)
            let project = try #require(try await fixture.store.project(normalizedName: "demo"))
            #expect(try await fixture.store.roles(projectID: project.id).count == 1, "no role before acceptance")
            let accept = try await call(client, .post, "/api/projects/demo/invitation/accept", token: bobToken)
            #expect(accept.status.code == 200)
            #expect(try await fixture.store.roles(projectID: project.id).map(\.kind) == [.owner, .maintainer])
            let again = try await call(client, .post, "/api/projects/demo/invitation/accept", token: bobToken)
            #expect(again.status.code == 404, "an invitation is accepted once")
            let demote = try await call(client, .delete, "/api/projects/demo/roles/alice", token: bobToken)
            #expect(demote.status.code == 403, "a Maintainer cannot remove an Owner")
            let lastOwner = try await call(client, .delete, "/api/projects/demo/roles/alice", token: fixture.token.text)
            #expect(lastOwner.status.code == 400)
            #expect(String(buffer: lastOwner.body) == "A project must have at least one Owner.")
            let leave = try await call(client, .delete, "/api/projects/demo/roles/bob", token: bobToken)
            #expect(leave.status.code == 200, "a Maintainer may leave")
            #expect(try await fixture.store.roles(projectID: project.id).map(\.kind) == [.owner])
            let entries = try await fixture.store.journal(after: 0, limit: 100).map(\.action)
            #expect(entries.contains("add Maintainer bob") && entries.contains("remove Maintainer bob"))
        }
    }

    @Test func anArchivedProjectRefusesUploadsUntilUnarchived() async throws {
        let (fixture, _) = try await seeded()
        try await fixture.application.test(.router) { client in
            #expect(
                try await call(client, .post, "/api/projects/demo/archive", token: fixture.token.text).status.code
                    == 200)
            #expect(try await fixture.store.project(normalizedName: "demo")?.status == .archived)
            let builder = DistributionBuilder(version: "2.0")
            let wheel = builder.wheel()
            var hasher = DistributionHasher()
            hasher.update(wheel.bytes)
            let upload = try await client.execute(
                uri: "/legacy/", method: .post,
                headers: [
                    .contentType: MultipartBody.contentType,
                    .authorization: HTTPFixture.basic("__token__", fixture.token.text),
                ],
                body: MultipartBody(form: builder.form(sha256: hasher.finalize().sha256), file: wheel).buffer)
            #expect(upload.status.code == 403)
            #expect(String(buffer: upload.body).hasPrefix("The project 'demo' is archived"))
            #expect(
                try await call(client, .post, "/api/projects/demo/unarchive", token: fixture.token.text).status.code
                    == 200)
            #expect(try await fixture.store.project(normalizedName: "demo")?.status == .active)
        }
    }

    @Test func ownersDeprecateAndAdministratorsQuarantine() async throws {
        let (fixture, bobToken) = try await seeded()
        try await fixture.application.test(.router) { client in
            #expect(try await call(client, .post, "/api/projects/demo/deprecate", token: bobToken).status.code == 403)
            #expect(
                try await call(client, .post, "/api/projects/demo/deprecate", token: fixture.token.text).status.code
                    == 200)
            #expect(try await fixture.store.project(normalizedName: "demo")?.status == .deprecated)
            let simple = try await client.execute(
                uri: "/simple/demo/", method: .get, headers: [.accept: "application/vnd.pypi.simple.v1+json"])
            #expect(String(buffer: simple.body).contains(#""project-status":{"status":"deprecated"}"#))
            #expect(
                try await call(client, .post, "/api/projects/demo/undeprecate", token: fixture.token.text).status.code
                    == 200)
            // An administrator's quarantine: gone from installers, every change refused, until released.
            let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
            let url = "/packages/" + file.upload.blobPath
            #expect(try await client.execute(uri: url, method: .get).status.code == 200, "served (and kept) before")
            let admin = AdminActions(store: fixture.store, clock: fixture.clock)
            // Written as the CLI writes (not through this server): seen once the journal is read again.
            _ = try await admin.quarantine(project: "Demo", reason: "malware report", by: .commandLine)
            fixture.clock.advance(by: 2)
            await #expect(throws: ManageError.self) {
                _ = try await admin.quarantine(project: "demo", by: .commandLine)
            }
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 404)
            #expect(try await client.execute(uri: "/pypi/demo/json", method: .get).status.code == 404)
            #expect(try await client.execute(uri: url, method: .get).status.code == 404, "its files are not served")
            let refused = try await call(client, .post, "/api/projects/demo/deprecate", token: fixture.token.text)
            #expect(refused.status.code == 403)
            _ = try await admin.release(project: "demo", by: .commandLine)
            fixture.clock.advance(by: 2)
            #expect(try await client.execute(uri: "/simple/demo/", method: .get).status.code == 200)
            #expect(try await client.execute(uri: url, method: .get).status.code == 200, "released: served again")
            let actions = try await fixture.store.journal(after: 0, limit: 100).map(\.action)
            #expect(
                Array(actions.suffix(4)) == [
                    "deprecate project", "undeprecate project", "quarantine project", "release project from quarantine",
                ])
        }
    }

    @Test func deletingAFileRemovesItsBlobAndTheNameStaysUsed() async throws {
        let (fixture, _) = try await seeded()
        let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
        try await fixture.application.test(.router) { client in
            let response = try await call(
                client, .delete, "/api/projects/demo/files/demo-1.0-py3-none-any.whl", token: fixture.token.text)
            #expect(response.status.code == 200)
        }
        #expect(try await fixture.store.file(filename: file.filename) == nil)
        #expect(fixture.blobs.blob(at: file.upload.blobPath) == nil)
        #expect(try await fixture.store.filenameWasUsed(file.filename))
    }
}
