import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import Testing

@testable import IndexHTTP

/// A blob store whose blobs clients can fetch themselves (an S3 bucket stands in).
struct RedirectingBlobs: BlobStore, DownloadRedirecting {
    let inner: InMemoryBlobStore

    func stage() async throws -> any StagedBlob { try await inner.stage() }
    func commit(_ staged: any StagedBlob, as key: BlobKey) async throws { try await inner.commit(staged, as: key) }
    func size(of key: BlobKey) async throws -> Int? { try await inner.size(of: key) }
    func read(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        try await inner.read(key, range: range)
    }
    func delete(_ key: BlobKey) async throws { try await inner.delete(key) }
    func sweepStaged() async throws -> Int { try await inner.sweepStaged() }

    func downloadURL(for key: BlobKey, now: Timestamp) throws -> String {
        "https://bucket.example.org/packages/\(key.path)?expires=\(Int(now.secondsSinceEpoch) + 3600)"
    }
}

@Suite struct RedirectDownloadTests {
    @Test(arguments: [false, true])
    func downloadsAreRedirectedOnlyWhenConfigured(redirect: Bool) async throws {
        let fixture = try await HTTPFixture()
        let blobs = RedirectingBlobs(inner: fixture.blobs)
        var configuration = IndexServerConfiguration(baseURL: "https://index.example")
        configuration.redirectDownloads = redirect
        let application = buildApplication(
            configuration: configuration, store: fixture.store, blobs: blobs, clock: fixture.clock,
            security: fixture.security)
        try await application.test(.router) { client in
            let upload = try await HTTPFixture.upload(
                client, authorization: HTTPFixture.tokenAuth(fixture.token.text),
                body: HTTPFixture.wheelBody("demo", version: "1.0"))
            #expect(upload.status == .ok)
            let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
            let response = try await client.execute(uri: "/packages/\(file.upload.blobPath)", method: .get)
            if redirect {
                #expect(response.status == .found)
                #expect(
                    response.headers[.location]
                        == "https://bucket.example.org/packages/\(file.upload.blobPath)?expires="
                        + "\(Int(fixture.clock.now().secondsSinceEpoch) + 3600)")
                #expect(response.headers[.cacheControl] == "max-age=300, public")
                #expect(response.body.readableBytes == 0)
            } else {
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == file.upload.size)
            }
            let missing = try await client.execute(uri: "/packages/ab/cd/ef/nothing-1.0.tar.gz", method: .get)
            #expect(missing.status == .notFound, "only stored files are redirected")
        }
    }
}
