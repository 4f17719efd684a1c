import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@testable import IndexHTTP

/// F01: the blob store fills up while an upload streams in. The client gets 507 with a clear
/// message, nothing is stored or left staged, and the same upload succeeds once there is room.
@Suite struct StorageFullTests {
    @Test func aFullStoreAnswers507AndKeepsNothingThenTheRetrySucceeds() async throws {
        let fixture = try await HTTPFixture()
        let wheel = DistributionBuilder().wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let body = MultipartBody(form: DistributionBuilder().form(sha256: hasher.finalize().sha256), file: wheel)
        let headers: HTTPFields = [
            .contentType: MultipartBody.contentType,
            .authorization: HTTPFixture.basic("__token__", fixture.token.text),
        ]
        fixture.blobs.capacity = wheel.bytes.count - 1
        try await fixture.application.test(.router) { client in
            let full = try await client.execute(uri: "/legacy/", method: .post, headers: headers, body: body.buffer)
            #expect(full.status.code == 507)
            #expect(
                String(buffer: full.body)
                    == "The index's file storage is full, so the file was not stored. Try again later.")
            #expect(fixture.blobs.paths.isEmpty)
            #expect(fixture.blobs.stagedCount == 0)
            #expect(try await fixture.store.file(filename: wheel.filename) == nil)
            #expect(try await fixture.store.projects().isEmpty)

            fixture.blobs.capacity = .max
            let retry = try await client.execute(uri: "/legacy/", method: .post, headers: headers, body: body.buffer)
            #expect(retry.status.code == 200)
            let file = try #require(try await fixture.store.file(filename: wheel.filename))
            #expect(fixture.blobs.blob(at: file.upload.blobPath) == wheel.bytes)
        }
    }
}
