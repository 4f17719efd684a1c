import AsyncHTTPClient
import Foundation
import IndexCore
import IndexTesting
import Testing

@testable import IndexStorage

/// What only the S3 store does, against a real S3 server (SeaweedFS via
/// `scripts/seaweedfs.sh`); skipped when `CHEESESHOP_TEST_S3_ENDPOINT` is not set.
@Suite(.enabled(if: S3TestEnvironment.isConfigured, "set CHEESESHOP_TEST_S3_* (scripts/seaweedfs.sh)"))
struct S3BlobStoreTests {
    @Test(arguments: [("wrong secret", "SignatureDoesNotMatch"), ("unknown key", "InvalidAccessKeyId")])
    func badCredentialsAreRefusedAsSuch(_ kind: String, code: String) async throws {
        try await withS3Store { store, http in
            let environment = try #require(S3TestEnvironment.current)
            let configuration =
                kind == "wrong secret"
                ? environment.configuration(
                    bucket: store.client.configuration.bucket, partSize: 5 << 20, secret: "not-the-secret")
                : environment.configuration(
                    bucket: store.client.configuration.bucket, partSize: 5 << 20, accessKey: "NOSUCHKEY")
            try await withTemporaryDirectory { directory in
                let impostor = try S3BlobStore(
                    configuration: configuration, httpClient: http, stagingDirectory: directory, clock: WallClock())
                let key = BlobKey(blake2b256: String(repeating: "ab", count: 32), filename: "demo-1.0.tar.gz")
                for operation in ["size", "read", "put"] {
                    do {
                        switch operation {
                        case "size": _ = try await impostor.size(of: key)
                        case "read": _ = try await impostor.read(key, range: nil)
                        default: try await impostor.client.putObject("packages/x", payload: .bytes([1, 2, 3]))
                        }
                        Issue.record("\(operation) with a \(kind) succeeded")
                    } catch let error as S3Error {
                        #expect(error.code == code, "\(operation): \(error)")
                        #expect(error.isAuthenticationFailure)
                        #expect(error.status == 403)
                    }
                }
            }
        }
    }

    @Test func theBucketCheckNamesWhatIsWrong() async throws {
        try await withS3Store { store, http in
            try await store.client.checkBucket()
            let environment = try #require(S3TestEnvironment.current)
            let cases = [
                (environment.configuration(bucket: "cheeseshop-no-such-bucket", partSize: 5 << 20), "NoSuchBucket"),
                (
                    environment.configuration(
                        bucket: store.client.configuration.bucket, partSize: 5 << 20, secret: "wrong"),
                    "SignatureDoesNotMatch"
                ),
            ]
            for (configuration, code) in cases {
                let client = try S3Client(configuration: configuration, httpClient: http, clock: WallClock())
                await #expect {
                    try await client.checkBucket()
                } throws: { error in
                    (error as? S3Error)?.code == code
                }
            }
        }
    }

    @Test func aPresignedURLFetchesTheBlobWithAPlainGet() async throws {
        try await withS3Store { store, http in
            let bytes = sampleBytes(70_000, seed: 3)
            let key = key(for: bytes)
            try await store.commit(try await stagedOn(store, bytes), as: key)
            let url = try store.presignedURL(for: key, expires: 300, now: WallClock().now())
            #expect(url.contains("/packages/\(key.path)?X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
            let (status, body) = try await plainGet(url, http)
            #expect(status == 200)
            #expect(body == bytes)
            let altered = String(url.dropLast()) + (url.hasSuffix("0") ? "1" : "0")
            #expect(try await plainGet(altered, http).status == 403)
            let unsigned = String(url[..<(try #require(url.firstIndex(of: "?")))])
            #expect(try await plainGet(unsigned, http).status == 403)
        }
    }

    @Test func objectsCarryTheirSHA256AsMetadata() async throws {
        try await withS3Store { store, _ in
            let bytes = sampleBytes(1000, seed: 4)
            let blob = try await stagedOn(store, bytes)
            let digests = try await blob.finish()
            let key = key(for: bytes)
            try await store.commit(blob, as: key)
            let head = try #require(try await store.client.headObject("packages/" + key.path))
            #expect(head.size == 1000)
            #expect(head.metadata["sha256"] == digests.sha256)
        }
    }

    @Test func aConditionalPutNeverReplacesAnObject() async throws {
        try await withS3Store { store, _ in
            try await store.client.putObject("packages/a", payload: .bytes([1]), onlyIfAbsent: true)
            await #expect(throws: S3Error.self) {
                try await store.client.putObject("packages/a", payload: .bytes([2]), onlyIfAbsent: true)
            }
            let object = try #require(try await store.client.getObject("packages/a"))
            #expect(try await object.body.collect(upTo: 10).readableBytes == 1)
        }
    }

    @Test func aMissingBlobAndARangeBeyondItAreRefused() async throws {
        try await withS3Store { store, _ in
            let bytes = sampleBytes(10)
            let key = key(for: bytes)
            await #expect(throws: BlobStoreError.missingBlob(key)) { _ = try await store.read(key, range: nil) }
            try await store.commit(try await stagedOn(store, bytes), as: key)
            for range in [0..<11, 10..<11, 11..<12, 100..<200, -1..<3] {
                await #expect(throws: BlobStoreError.rangeOutsideBlob(range, size: 10)) {
                    _ = try await store.read(key, range: range)
                }
            }
        }
    }

    @Test func theSweepAbortsStaleMultipartUploadsOnly() async throws {
        try await withS3Store { store, _ in
            let id = try await store.client.createMultipartUpload("packages/stale")
            _ = try await store.client.createMultipartUpload("elsewhere/kept")
            let listed = try await store.client.listMultipartUploads(prefix: "packages/")
            #expect(listed.map(\.uploadID) == [id])
            let started = try #require(listed.first?.initiated)
            #expect(abs(started.secondsSinceEpoch - WallClock().now().secondsSinceEpoch) < 600)
            #expect(try await store.sweepStaged() == 0)
            let later = Timestamp(secondsSinceEpoch: WallClock().now().secondsSinceEpoch + 60)
            #expect(try await store.sweepStaged(abortingUploadsStartedBefore: later) == 1)
            #expect(try await store.client.listMultipartUploads(prefix: "packages/").isEmpty)
            #expect(try await store.client.listMultipartUploads().count == 1)
        }
    }

    @Test func aMultipartCommitLeavesNoUploadBehind() async throws {
        try await withS3Store { store, _ in
            let bytes = sampleBytes(11 << 20, seed: 5)
            let key = key(for: bytes)
            try await store.commit(try await stagedOn(store, bytes), as: key)
            #expect(try await store.size(of: key) == bytes.count)
            #expect(try await store.client.listMultipartUploads().isEmpty)
            let middle = (5 << 20) - 10..<(5 << 20) + 10
            var read: [UInt8] = []
            for try await chunk in try await store.read(key, range: middle) { read += chunk }
            #expect(read == Array(bytes[middle]))
        }
    }

    private func stagedOn(_ store: S3BlobStore, _ bytes: [UInt8]) async throws -> any StagedBlob {
        let blob = try await store.stage()
        try await blob.write(bytes)
        _ = try await blob.finish()
        return blob
    }

    private func plainGet(_ url: String, _ http: HTTPClient) async throws -> (status: UInt, body: [UInt8]) {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, Array(buffer: body))
    }
}
