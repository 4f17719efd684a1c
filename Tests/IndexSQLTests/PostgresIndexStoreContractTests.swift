import IndexCore
import IndexTesting
import Testing

@testable import IndexSQL

@Suite(.enabled(if: PostgresTestDatabase.available, "CHEESESHOP_TEST_POSTGRES_URL names no server"))
struct PostgresIndexStoreContractTests {
    @Test(arguments: IndexStoreContract.checks)
    func passesTheStoreContract(_ check: IndexStoreContract.Check) async throws {
        try await PostgresTestDatabase.withStore { try await check.run($0) }
    }
}
