import IndexCore
import IndexTesting
import Testing

/// The figures of a project page and the recent downloads, from stored counts.
@Suite struct DownloadStatisticsTests {
    @Test func figuresCoverEveryDayAndShareByCategory() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let statistics = DownloadStatistics(store: store, clock: clock)
        let today = statistics.today
        let pip = DownloadClient(installer: "pip", python: "3.12", system: "Linux")
        let uv = DownloadClient(installer: "uv", python: "3.13", system: "Linux")
        let mirror = DownloadClient(installer: "bandersnatch")
        func key(_ day: Int, _ client: DownloadClient) -> DownloadKey {
            DownloadKey(
                day: day, kind: .file, project: "demo", version: "1.0", filename: "demo-1.0.tar.gz", client: client)
        }
        try await store.addDownloads([
            key(today, pip): 2, key(today - 3, uv): 5, key(today - 20, pip): 1, key(today, mirror): 7,
            key(today - 200, pip): 100,
        ])
        let figures = try await statistics.figures("demo")
        #expect(figures.days.count == DownloadStatistics.days)
        #expect(figures.days.first?.day == today - 179 && figures.days.last?.day == today)
        #expect(figures.days.last?.count == 9, "mirrors count in the daily chart")
        #expect(figures.total == 15, "the 200-day-old downloads are outside the window")
        #expect(figures.byInstaller == [.init(category: "uv", count: 5), .init(category: "pip", count: 3)])
        #expect(figures.byPython == [.init(category: "3.13", count: 5), .init(category: "3.12", count: 3)])
        #expect(figures.bySystem == [.init(category: "Linux", count: 8)])
        #expect(figures.recent == RecentDownloads(day: 9, week: 14, month: 15))
        #expect(try await statistics.recent("demo") == RecentDownloads(day: 9, week: 14, month: 15))
        #expect(DownloadStatistics.date(0) == "1970-01-01" && DownloadStatistics.date(20_794) == "2026-12-07")
        let empty = try await statistics.figures("other")
        #expect(empty.total == 0 && empty.byPython.isEmpty)
    }

    @Test func theJSONAPIDownloadsAreSet() throws {
        let json = try #require(
            ProjectJSON(
                SimpleFixture.detail(), roles: [], urls: SimpleFixture.urls,
                downloads: RecentDownloads(day: 1, week: 2, month: 3)))
        #expect(
            String(decoding: json.json(), as: UTF8.self).contains(
                #""downloads":{"last_day":1,"last_month":3,"last_week":2}"#))
    }
}
