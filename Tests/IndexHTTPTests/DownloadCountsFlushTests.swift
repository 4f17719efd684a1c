import IndexCore
import Logging
import ServiceLifecycle
import Testing

@testable import IndexHTTP

/// Download counts still in memory are written when the server shuts down gracefully; a failed
/// write keeps them for the next.
@Suite struct DownloadCountsFlushTests {
    static let pip = "pip/24.0 {\"installer\":{\"name\":\"pip\",\"version\":\"24.0\"},\"python\":\"3.12.1\"}"

    @Test func aGracefulShutdownWritesTheCountsInMemory() async throws {
        let fixture = try await HTTPFixture()
        let file = try await fixture.uploadDemoWheel()
        let tally = DownloadTally(clock: fixture.clock)
        for _ in 0..<3 {
            tally.count(method: "GET", path: "/packages/aa/bb/cc/\(file.filename)"[...], status: 200, range: nil, userAgent: Self.pip)
        }
        // An hour between writes: only the shutdown writes them.
        let service = DownloadStatisticsService(
            tally: tally, store: fixture.store, clock: fixture.clock, flushInterval: 3600, retentionDays: nil,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), metrics: .none)
        let before = try await fixture.store.search(SearchQuery(text: "demo")).hits.first?.downloads
        #expect(before == 0, "nothing written yet")
        let group = ServiceGroup(
            configuration: .init(
                services: [service], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let after = try await fixture.store.search(SearchQuery(text: "demo")).hits.first?.downloads
        #expect(after == 3, "the three downloads were written at shutdown")
        let day = Int(fixture.clock.now().secondsSinceEpoch / 86_400)
        let totals = try await fixture.store.downloadTotals(project: "demo", kind: .file, days: day...day, by: .total, mirrors: true)
        #expect(totals.map(\.count) == [3])
    }

    @Test func whatIsCountedAndWhatIsNot() async throws {
        let fixture = try await HTTPFixture()
        let tally = DownloadTally(clock: fixture.clock)
        let wheel = "/packages/aa/bb/cc/demo_pkg-1.0-py3-none-any.whl"[...]
        tally.count(method: "GET", path: wheel, status: 200, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: wheel, status: 206, range: "bytes=0-99", userAgent: Self.pip)
        tally.count(method: "GET", path: wheel, status: 206, range: "bytes=100-", userAgent: Self.pip)
        tally.count(method: "HEAD", path: wheel, status: 200, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: wheel, status: 304, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: "\(wheel).metadata"[...], status: 200, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: "/packages/aa/bb/cc/notes.txt"[...], status: 200, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: "/proxy/abc/demo_pkg-1.0.tar.gz"[...], status: 200, range: nil, userAgent: nil)
        tally.count(method: "GET", path: "/simple/demo-pkg/"[...], status: 304, range: nil, userAgent: Self.pip)
        tally.count(method: "GET", path: "/simple/demo-pkg/"[...], status: 404, range: nil, userAgent: Self.pip)
        let (counts, dropped) = tally.take()
        #expect(dropped == 0)
        let files = counts.filter { $0.key.kind == .file }
        #expect(files.values.reduce(0, +) == 3, "a 200, a range from byte 0 and a proxied sdist")
        #expect(files.keys.allSatisfy { $0.project == "demo-pkg" && $0.version == "1.0" })
        #expect(counts.filter { $0.key.kind == .page }.values.reduce(0, +) == 1)
        #expect(tally.take().counts.isEmpty, "taken once")
    }

    @Test func overloadDropsOnlyWhatItCountsAsDropped() async throws {
        let fixture = try await HTTPFixture()
        let tally = DownloadTally(clock: fixture.clock, softLimit: 2, hardLimit: 3)
        for version in 1...5 {
            tally.count(
                method: "GET", path: "/packages/a/b/c/demo-\(version).0.tar.gz"[...], status: 200, range: nil, userAgent: nil)
        }
        #expect(tally.isOverloaded)
        let (counts, dropped) = tally.take()
        #expect(counts.count == 3 && dropped == 2, "three rows kept, two new rows dropped and counted")
        #expect(!tally.isOverloaded)
        tally.putBack(counts)
        #expect(tally.take().counts == counts, "a failed write's counts come back")
    }
}
