import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// `/_health/live` and `/_health/ready` (issue 17): liveness is the process, readiness the
/// database, the blob store and shutdown; read-only mode is reported, not failed.
@Suite struct HealthTests {
    func readiness(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func liveAndReadyAnswer200WhenEverythingHolds() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            for path in ["/_health", "/_health/", "/_health/live"] {
                let live = try await client.execute(uri: path, method: .get)
                #expect(live.status == .ok && String(buffer: live.body) == "OK", "\(path)")
                #expect(live.headers[.cacheControl] == "no-store")
            }
            let ready = try await client.execute(uri: "/_health/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.headers[.cacheControl] == "no-store")
            #expect(ready.headers[.contentType] == "application/json")
            let body = try readiness(ready)
            #expect(body["status"] as? String == "ready")
            #expect(body["database"] as? String == "ok")
            #expect(body["blob_store"] as? String == "ok")
            #expect(body["shutting_down"] as? Bool == false)
            #expect(body["read_only"] as? Bool == false)
        }
    }

    @Test func aBlobStoreThatCannotTakeAFileIsNotReady() async throws {
        let fixture = try await HTTPFixture()
        fixture.blobs.capacity = 0
        try await fixture.application.test(.router) { client in
            let ready = try await client.execute(uri: "/_health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            let body = try readiness(ready)
            #expect(body["status"] as? String == "unavailable")
            #expect(body["blob_store"] as? String == "not writable")
            #expect(try await client.execute(uri: "/_health/live", method: .get).status == .ok, "but alive")
        }
    }

    @Test func readOnlyModeIsReportedNotFailed() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.store.write { try await $0.setSetting(ReadOnlyMode.settingName, to: "on") }
        try await fixture.application.test(.router) { client in
            let ready = try await client.execute(uri: "/_health/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(try readiness(ready)["read_only"] as? Bool == true)
        }
    }
}
