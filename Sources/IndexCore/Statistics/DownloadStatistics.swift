/// Reads a project's download counts as people look at them: the figures of its page, the
/// JSON API's last day, week and month, and the series of the pypistats-compatible API. Days are
/// UTC days since 1970-01-01; "the last day" is today so far, "the last week" today and the six
/// days before.
public struct DownloadStatistics: Sendable {
    let store: any DownloadStatisticsStore
    let clock: any IndexClock

    /// The days the page's charts and the pypistats API cover (as pypistats does).
    public static let days = 180

    public init(store: any DownloadStatisticsStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Today, in days since 1970-01-01 (UTC).
    public var today: Int { Int(clock.now().secondsSinceEpoch / 86_400) }

    /// The days the charts and the API cover, ending today.
    public var window: ClosedRange<Int> { (today - Self.days + 1)...today }

    /// File downloads of `project` today, over the last 7 and the last 30 days (mirrors included,
    /// as pypistats' recent downloads).
    public func recent(_ project: String) async throws -> RecentDownloads {
        let today = today
        let totals = try await store.downloadTotals(
            project: project, kind: .file, days: (today - 29)...today, by: .total, mirrors: true)
        func sum(_ days: Int) -> Int { totals.filter { $0.day > today - days }.reduce(0) { $0 + $1.count } }
        return RecentDownloads(day: sum(1), week: sum(7), month: sum(30))
    }

    /// What the project page shows: daily downloads over ``days`` (every day, zeros included)
    /// and the shares by Python minor version, system and installer (mirrors left out).
    public func figures(_ project: String) async throws -> DownloadFigures {
        let window = window
        let daily = try await store.downloadTotals(
            project: project, kind: .file, days: window, by: .total, mirrors: true)
        var byDay: [Int: Int] = [:]
        for total in daily { byDay[total.day, default: 0] += total.count }
        let days = window.map { DownloadFigures.Day(day: $0, count: byDay[$0] ?? 0) }
        func shares(_ dimension: DownloadDimension) async throws -> [DownloadFigures.Share] {
            let totals = try await store.downloadTotals(
                project: project, kind: .file, days: window, by: dimension, mirrors: false)
            return Self.shares(totals)
        }
        return DownloadFigures(
            days: days, byPython: try await shares(.python), bySystem: try await shares(.system),
            byInstaller: try await shares(.installer))
    }

    /// Totals summed over their days by category, most first (then by category).
    static func shares(_ totals: [DownloadTotal]) -> [DownloadFigures.Share] {
        var sums: [String: Int] = [:]
        for total in totals { sums[total.category, default: 0] += total.count }
        return sums.map { DownloadFigures.Share(category: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.category) < ($0.count, $1.category) }
    }

    /// The daily series of `project`'s file downloads by `dimension` over ``window``.
    public func series(
        _ project: String, by dimension: DownloadDimension, mirrors: Bool
    ) async throws -> [DownloadTotal] {
        try await store.downloadTotals(project: project, kind: .file, days: window, by: dimension, mirrors: mirrors)
    }

    /// Every row of `project` over ``window`` (the CSV export).
    public func rows(_ project: String) async throws -> [(key: DownloadKey, count: Int)] {
        try await store.downloadRows(project: project, days: window)
    }

    /// `day` as `YYYY-MM-DD`.
    public static func date(_ day: Int) -> String {
        Timestamp(secondsSinceEpoch: Double(day) * 86_400).iso8601Seconds.prefix(10).description
    }
}

/// A project's file downloads today, over the last 7 and the last 30 days (the JSON API's
/// `info.downloads`).
public struct RecentDownloads: Sendable, Equatable {
    public var day: Int
    public var week: Int
    public var month: Int

    public init(day: Int, week: Int, month: Int) {
        self.day = day
        self.week = week
        self.month = month
    }
}
