import IndexCore
import Testing

@testable import IndexSQL

/// The count of connections in use the metrics report.
@Suite struct ConnectionsInUseTests {
    @Test func readsAndWritesAreCountedWhileTheyRun() async throws {
        let store = try await SQLIndexStore.open(.memory)
        #expect(store.connectionsInUse() == 0)
        let duringRead = try await store.read { _ in store.connectionsInUse() }
        let duringWrite = try await store.write { _ in store.connectionsInUse() }
        #expect(duringRead == 1 && duringWrite == 1, "one connection each, while it runs")
        #expect(store.connectionsInUse() == 0, "none once they are done")
        try await store.close()
    }
}
