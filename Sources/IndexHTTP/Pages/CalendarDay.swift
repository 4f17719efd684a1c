import IndexCore

/// A date of the download statistics, which number their days from 1970-01-01 (UTC): its year,
/// month and day (the chart's month labels) and its `YYYY-MM-DD` form.
struct CalendarDay: Equatable, Sendable {
    var year: Int
    /// 1 (January) to 12.
    var month: Int
    /// 1 to 31.
    var day: Int
    /// `YYYY-MM-DD`, e.g. `2026-12-01`.
    var iso: String

    /// The date `daysSinceEpoch` days after 1970-01-01 (before it when negative).
    init(daysSinceEpoch: Int) {
        (year, month, day) = Timestamp(secondsSinceEpoch: Double(daysSinceEpoch) * 86_400).utcDate
        iso = DownloadStatistics.date(daysSinceEpoch)
    }
}
