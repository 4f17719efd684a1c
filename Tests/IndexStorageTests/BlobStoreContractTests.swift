import IndexCore
import IndexStorage
import IndexTesting
import Testing

/// The blob store contract on the stores that need no server.
@Suite struct BlobStoreContractTests {
    @Test(arguments: BlobStoreContract.checks)
    func fileSystemStore(_ check: BlobStoreContract.Check) async throws {
        try await withTemporaryStore { store in try await check.run(store) }
    }

    @Test(arguments: BlobStoreContract.checks)
    func inMemoryStore(_ check: BlobStoreContract.Check) async throws {
        try await check.run(InMemoryBlobStore())
    }
}
