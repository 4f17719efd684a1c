import IndexCore
import IndexSQL
import Testing

@Suite struct SQLiteIndexStoreLifecycleTests {
    @Test func openingAnUnreachablePathIsUnavailable() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            let unreachable = path + "/missing/index.sqlite"
            await #expect {
                _ = try await SQLIndexStore.open(.file(path: unreachable))
            } throws: { error in
                guard case IndexStoreError.unavailable = error else { return false }
                return true
            }
        }
    }

    @Test func aClosedStoreRefusesWork() async throws {
        let store = try await SQLIndexStore.open(.memory)
        try await store.close()
        await #expect {
            _ = try await store.projects()
        } throws: { error in
            guard case IndexStoreError.unavailable = error else { return false }
            return true
        }
    }
}
