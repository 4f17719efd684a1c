import AsyncHTTPClient
import IndexCore
import IndexTesting
import Testing

@testable import IndexStorage

/// What the S3 store does before it talks to a server: object keys, presigned URLs, staging.
@Suite struct S3BlobStoreOfflineTests {
    static let configuration = S3Configuration(
        endpoint: "http://127.0.0.1:9", bucket: "cheese", accessKeyID: "AKID", secretAccessKey: "secret")
    static let key = BlobKey(blake2b256: String(repeating: "4e", count: 32), filename: "demo 1.0+x.tar.gz")

    func withOfflineStore<T>(_ body: (S3BlobStore) async throws -> T) async throws -> T {
        try await withHTTPClient { http in
            try await withTemporaryDirectory { directory in
                try await body(
                    try S3BlobStore(
                        configuration: Self.configuration, httpClient: http, stagingDirectory: directory + "/a/b",
                        clock: FixedClock()))
            }
        }
    }

    @Test func objectsLiveUnderPackages() throws {
        #expect(try S3BlobStore.objectKey(Self.key) == "packages/" + Self.key.path)
        for filename in ["..", "a\\b", "", "x\u{1}"] {
            let unsafe = BlobKey(blake2b256: String(repeating: "4e", count: 32), filename: filename)
            #expect(throws: BlobStoreError.self) { _ = try S3BlobStore.objectKey(unsafe) }
        }
    }

    @Test func aPresignedURLIsPathStyleAndEncodesTheKeyOnce() async throws {
        try await withOfflineStore { store in
            let url = try store.presignedURL(
                for: Self.key, expires: 600, now: Timestamp(secondsSinceEpoch: 1_369_353_600))
            let path = "http://127.0.0.1:9/cheese/packages/4e/4e/" + String(repeating: "4e", count: 30)
            #expect(url.hasPrefix(path + "/demo%201.0%2Bx.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
            #expect(url.contains("&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&"))
            #expect(url.contains("&X-Amz-Date=20130524T000000Z&X-Amz-Expires=600&X-Amz-SignedHeaders=host&"))
            let week = try store.presignedURL(for: Self.key, expires: 10_000_000, now: Timestamp(secondsSinceEpoch: 0))
            #expect(week.contains("&X-Amz-Expires=604800&"))
        }
    }

    @Test func stagingIsLocalAndOwnedByTheStore() async throws {
        try await withOfflineStore { store in
            let blob = try await store.stage()
            try await blob.write([1, 2, 3])
            #expect(try await store.staging.sweep() == 0)
            let other = try await store.stage()
            await other.discard()
            await blob.discard()
            #expect(try await store.staging.sweep() == 0)
            try await withTemporaryStore { fileStore in
                let foreign = try await fileStore.stage()
                await #expect(throws: BlobStoreError.foreignStagedBlob) {
                    try await store.commit(foreign, as: Self.key)
                }
                await foreign.discard()
            }
        }
    }

    @Test func anInvalidConfigurationIsRefusedAtInit() async throws {
        var configuration = Self.configuration
        configuration.endpoint = "ftp://127.0.0.1"
        try await withHTTPClient { http in
            #expect(throws: S3ConfigurationError.self) {
                _ = try S3BlobStore(configuration: configuration, httpClient: http, stagingDirectory: "/tmp/unused")
            }
        }
    }
}
