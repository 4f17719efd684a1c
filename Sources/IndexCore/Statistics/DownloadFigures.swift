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
    /// Downloads on the last day, the last 7 and the last 30 days.
    public var lastDay: Int
    public var lastWeek: Int
    public var lastMonth: Int

    public init(
        days: [Day], byPython: [Share], bySystem: [Share], byInstaller: [Share], lastDay: Int, lastWeek: Int,
        lastMonth: Int
    ) {
        self.days = days
        self.byPython = byPython
        self.bySystem = bySystem
        self.byInstaller = byInstaller
        self.lastDay = lastDay
        self.lastWeek = lastWeek
        self.lastMonth = lastMonth
    }

    /// All downloads over the days shown.
    public var total: Int { days.reduce(0) { $0 + $1.count } }
}
