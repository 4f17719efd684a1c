import IndexCore
import IndexTesting
import Testing

@Suite struct InMemoryIndexStoreTests {
    @Test(arguments: IndexStoreContract.checks)
    func passesTheStoreContract(_ check: IndexStoreContract.Check) async throws {
        try await check.run(InMemoryIndexStore())
    }
}
