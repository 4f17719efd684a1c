/// A date in the proleptic Gregorian calendar, from a count of days since 1970-01-01 (UTC), as
/// the download statistics number their days.
struct CalendarDay: Equatable, Sendable {
    var year: Int
    /// 1 (January) to 12.
    var month: Int
    /// 1 to 31.
    var day: Int

    /// The date `daysSinceEpoch` days after 1970-01-01 (before it when negative), by H. Hinnant's
    /// days-to-civil algorithm: eras of 400 years (146,097 days) counted from 0000-03-01.
    init(daysSinceEpoch: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `YYYY-MM-DD`, e.g. `2026-12-01`.
    var iso: String {
        var text = ""
        text.reserveCapacity(10)
        Self.append(year, width: 4, to: &text)
        text.append("-")
        Self.append(month, width: 2, to: &text)
        text.append("-")
        Self.append(day, width: 2, to: &text)
        return text
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        for _ in digits.count..<max(width, digits.count) { text.append("0") }
        text.append(digits)
    }
}
