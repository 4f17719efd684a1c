import IndexTesting
import Testing

/// The blob store contract on ``S3BlobStore`` against a real S3 server (SeaweedFS via
/// `scripts/seaweedfs.sh`); skipped when `CHEESESHOP_TEST_S3_ENDPOINT` is not set.
@Suite(.enabled(if: S3TestEnvironment.isConfigured, "set CHEESESHOP_TEST_S3_* (scripts/seaweedfs.sh)"))
struct S3BlobStoreContractTests {
    @Test(arguments: BlobStoreContract.checks(partSize: BlobStoreContractPartSize.value))
    func s3Store(_ check: BlobStoreContract.Check) async throws {
        try await withS3Store { store, _ in try await check.run(store) }
    }
}
