import AsyncHTTPClient
import Foundation
import IndexCore
import IndexStorage

/// The S3 server the S3 tests run against, from `CHEESESHOP_TEST_S3_ENDPOINT`,
/// `CHEESESHOP_TEST_S3_ACCESS_KEY` and `CHEESESHOP_TEST_S3_SECRET_KEY` (`scripts/seaweedfs.sh`
/// prints them); without them the S3 tests are skipped.
struct S3TestEnvironment: Sendable {
    let endpoint: String
    let accessKey: String
    let secretKey: String

    /// The environment's server, or `nil` when none is configured.
    static var current: S3TestEnvironment? {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["CHEESESHOP_TEST_S3_ENDPOINT"], !endpoint.isEmpty,
            let accessKey = environment["CHEESESHOP_TEST_S3_ACCESS_KEY"],
            let secretKey = environment["CHEESESHOP_TEST_S3_SECRET_KEY"]
        else { return nil }
        return S3TestEnvironment(endpoint: endpoint, accessKey: accessKey, secretKey: secretKey)
    }

    static var isConfigured: Bool { current != nil }

    /// A configuration of `bucket`, signing with `secret` (the real one by default).
    func configuration(bucket: String, partSize: Int, secret: String? = nil, accessKey: String? = nil)
        -> S3Configuration
    {
        S3Configuration(
            endpoint: endpoint, bucket: bucket, accessKeyID: accessKey ?? self.accessKey,
            secretAccessKey: secret ?? secretKey, partSize: partSize)
    }

    /// A fresh bucket name.
    static func freshBucketName() -> String {
        "cheeseshop-test-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }
}

/// The wall clock: a live S3 server refuses signatures more than 15 minutes off its own time.
struct WallClock: IndexClock {
    func now() -> Timestamp { Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970) }
}

/// An HTTP client for `body`, shut down after it.
@discardableResult
func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// An ``S3BlobStore`` on a fresh bucket of the test server, staging in a temporary directory;
/// the bucket is deleted afterwards.
func withS3Store<T>(
    partSize: Int = BlobStoreContractPartSize.value, _ body: (S3BlobStore, HTTPClient) async throws -> T
) async throws -> T {
    guard let environment = S3TestEnvironment.current else { throw S3ConfigurationError("no S3 test server") }
    return try await withHTTPClient { http in
        try await withTemporaryDirectory { directory in
            let configuration = environment.configuration(
                bucket: S3TestEnvironment.freshBucketName(), partSize: partSize)
            let store = try S3BlobStore(
                configuration: configuration, httpClient: http, stagingDirectory: directory + "/staging",
                clock: WallClock())
            try await store.client.createBucket()
            do {
                let result = try await body(store, http)
                try? await store.client.deleteBucket()
                return result
            } catch {
                try? await store.client.deleteBucket()
                throw error
            }
        }
    }
}

/// The part size the S3 tests use: S3's smallest, so the contract's large blob goes multipart.
enum BlobStoreContractPartSize {
    static let value = S3Configuration.minimumPartSize
}
