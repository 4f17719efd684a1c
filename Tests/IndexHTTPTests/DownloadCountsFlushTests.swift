import IndexCore
import Logging
import ServiceLifecycle
import Testing

@testable import IndexHTTP

/// Download counts still in memory are written when the server shuts down gracefully.
@Suite struct DownloadCountsFlushTests {
    @Test func aGracefulShutdownWritesTheCountsInMemory() async throws {
        let fixture = try await HTTPFixture()
        let file = try await fixture.uploadDemoWheel()
        // An hour between flushes: only the shutdown writes them.
        let counter = DownloadCounter(store: fixture.store, clock: fixture.clock, flushInterval: 3600)
        for _ in 0..<3 { counter.count(file.filename) }
        let before = try await fixture.store.search(SearchQuery(text: "demo")).hits.first?.downloads
        #expect(before == 0, "nothing written yet")
        let group = ServiceGroup(
            configuration: .init(
                services: [DownloadCountsFlush(counter: counter)],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let after = try await fixture.store.search(SearchQuery(text: "demo")).hits.first?.downloads
        #expect(after == 3, "the three downloads were written at shutdown")
    }
}
