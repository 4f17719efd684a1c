import IndexCore
import IndexSQL
import IndexTesting
import Testing

@Suite struct SQLiteIndexStoreContractTests {
    @Test(arguments: IndexStoreContract.checks)
    func passesTheStoreContractInMemory(_ check: IndexStoreContract.Check) async throws {
        try await TemporaryDirectory.withStore(.memory) { try await check.run($0) }
    }

    @Test(arguments: IndexStoreContract.checks)
    func passesTheStoreContractOnAFile(_ check: IndexStoreContract.Check) async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { try await check.run($0) }
        }
    }
}
