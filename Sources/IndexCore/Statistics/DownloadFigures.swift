/// What a project page shows of a project's downloads: the daily counts of the last days and
/// the shares by Python minor version, operating system and installer over the same days.
public struct DownloadFigures: Sendable, Equatable {
    /// Downloads on one day (days since 1970-01-01, UTC).
    public struct Day: Sendable, Equatable {
        public var day: Int
        public var count: Int
        public init(day: Int, count: Int) {
            self.day = day
            self.count = count
        }
    }

    /// Downloads of one category (`3.12`, `Linux`, `pip`; `unknown` when the client did not say).
    public struct Share: Sendable, Equatable {
        public var category: String
        public var count: Int
        public init(category: String, count: Int) {
            self.category = category
            self.count = count
        }
    }

    /// The first and last day shown (inclusive), and every day between with its count (zero
    /// included), oldest first.
    public var days: [Day]
    /// Most downloads first, then by category.
    public var byPython: [Share]
    public var bySystem: [Share]
    public var byInstaller: [Share]

    public init(days: [Day], byPython: [Share], bySystem: [Share], byInstaller: [Share]) {
        self.days = days
        self.byPython = byPython
        self.bySystem = bySystem
        self.byInstaller = byInstaller
    }

    /// All downloads over the days shown.
    public var total: Int { days.reduce(0) { $0 + $1.count } }

    /// Downloads on the last day shown (today), over its last 7 and its last 30 days.
    public var recent: RecentDownloads {
        func sum(_ last: Int) -> Int { days.suffix(last).reduce(0) { $0 + $1.count } }
        return RecentDownloads(day: sum(1), week: sum(7), month: sum(30))
    }
}
