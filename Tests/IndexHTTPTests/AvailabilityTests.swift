import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Synchronization
import Testing

@testable import IndexHTTP

/// A snapshot source holding fixed bytes (or none yet).
struct FixedSnapshots: MetadataSnapshotSource {
    let snapshot: (serial: Int64, bytes: [UInt8])?

    func openCurrent() async throws -> OpenedSnapshot? {
        guard let snapshot else { return nil }
        let bytes = snapshot.bytes
        return OpenedSnapshot(
            serial: snapshot.serial, size: bytes.count,
            bytes: AsyncThrowingStream { continuation in
                continuation.yield(bytes)
                continuation.finish()
            })
    }
}

@Suite struct AvailabilityTests {
    private func upload(_ client: some TestClientProtocol, _ fixture: HTTPFixture) async throws -> TestResponse {
        let wheel = DistributionBuilder().wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let body = MultipartBody(form: DistributionBuilder().form(sha256: hasher.finalize().sha256), file: wheel)
        return try await client.execute(
            uri: "/legacy/", method: .post,
            headers: [
                .contentType: MultipartBody.contentType,
                .authorization: HTTPFixture.basic("__token__", fixture.token.text),
            ], body: body.buffer)
    }

    private func setReadOnly(_ value: String, in store: InMemoryIndexStore) async throws {
        try await store.write { try await $0.setSetting(ReadOnlyMode.settingName, to: value) }
    }

    @Test func theDeploymentSettingRefusesChangesWithPyPIsMessageAndKeepsReads() async throws {
        let fixture = try await HTTPFixture()
        try await setReadOnly("on", in: fixture.store)
        try await fixture.application.test(.router) { client in
            let refused = try await upload(client, fixture)
            #expect(refused.status.code == 503)
            #expect(String(buffer: refused.body) == "Read-only mode: Uploads are temporarily disabled.")
            #expect(refused.headers[.retryAfter] != nil)
            let stored = try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl")
            #expect(stored == nil, "nothing stored")
            let login = try await client.execute(
                uri: "/account/login/", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=alice&password=x"))
            #expect(login.status.code == 503)
            #expect(String(buffer: login.body).contains("Read-only mode: Changes are temporarily disabled."))
            #expect(try await client.execute(uri: "/simple/", method: .get).status.code == 200)

            try await setReadOnly("off", in: fixture.store)
            fixture.clock.advance(by: 2)
            #expect(try await upload(client, fixture).status.code == 200, "off again: the upload is taken")
        }
    }

    @Test func theNodesOwnSwitchRefusesChanges() async throws {
        let fixture = try await HTTPFixture()
        var configuration = IndexServerConfiguration(baseURL: "https://index.example")
        configuration.readOnly = true
        let app = buildApplication(
            configuration: configuration, store: fixture.store, blobs: fixture.blobs, clock: fixture.clock,
            security: fixture.security)
        try await app.test(.router) { client in
            let refused = try await upload(client, fixture)
            let page = try await client.execute(uri: "/simple/", method: .get)
            #expect(refused.status.code == 503 && page.status.code == 200)
        }
    }

    @Test func theSnapshotHasAnETagOfItsSerialAndAnswers304() async throws {
        let fixture = try await HTTPFixture()
        let bytes = Array("SQLite format 3\0 and more".utf8)
        let app = buildApplication(
            configuration: IndexServerConfiguration(baseURL: "https://index.example"), store: fixture.store,
            blobs: fixture.blobs, clock: fixture.clock, security: fixture.security,
            snapshots: FixedSnapshots(snapshot: (7, bytes)))
        try await app.test(.router) { client in
            let full = try await client.execute(uri: "/snapshot/index.sqlite", method: .get)
            #expect(full.status.code == 200 && Array(buffer: full.body) == bytes)
            #expect(full.headers[.eTag] == "\"snapshot-7\"" && full.headers[.contentType] == "application/vnd.sqlite3")
            #expect(full.headers[HTTPField.Name("X-PyPI-Last-Serial")!] == "7")
            let again = try await client.execute(
                uri: "/snapshot/index.sqlite", method: .get, headers: [.ifNoneMatch: "\"snapshot-7\""])
            #expect(again.status.code == 304)
            let head = try await client.execute(uri: "/snapshot/index.sqlite", method: .head)
            #expect(head.status.code == 200 && head.headers[.contentLength] == String(bytes.count))
        }
        let building = buildApplication(
            configuration: IndexServerConfiguration(baseURL: "https://index.example"), store: fixture.store,
            blobs: fixture.blobs, clock: fixture.clock, security: fixture.security,
            snapshots: FixedSnapshots(snapshot: nil))
        try await building.test(.router) { client in
            let response = try await client.execute(uri: "/snapshot/index.sqlite", method: .get)
            #expect(response.status.code == 503 && response.headers[.retryAfter] != nil)
        }
    }
}
