extension Timestamp {
    /// The UTC date and time split into fields, with the fraction rounded to microseconds.
    private var fields: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, micro: Int64)
    {
        let micros = Int64((secondsSinceEpoch * 1_000_000).rounded())
        let (seconds, micro) = Self.floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        // Days to civil date (H. Hinnant's algorithm), proleptic Gregorian.
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097).0
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, micro)
    }

    /// The UTC calendar date: year, month (1 to 12) and day (1 to 31).
    public var utcDate: (year: Int, month: Int, day: Int) {
        let f = fields
        return (Int(f.year), Int(f.month), Int(f.day))
    }

    /// Python's `strftime("%Y-%m-%dT%H:%M:%S")` of the UTC time, e.g. `2026-01-01T00:00:00`
    /// (the JSON API's `upload_time`).
    public var iso8601Seconds: String {
        let f = fields
        return "\(Self.pad(f.year, 4))-\(Self.pad(f.month, 2))-\(Self.pad(f.day, 2))T"
            + "\(Self.pad(f.hour, 2)):\(Self.pad(f.minute, 2)):\(Self.pad(f.second, 2))"
    }

    /// Python's `isoformat() + "Z"` of the naive UTC time, as PyPI writes `upload-time` and
    /// `upload_time_iso_8601`: microseconds only when there are some, e.g.
    /// `2026-01-01T00:00:00.250000Z` or `2026-01-01T00:00:00Z`.
    public var iso8601: String {
        let micro = fields.micro
        return iso8601Seconds + (micro == 0 ? "" : ".\(Self.pad(micro, 6))") + "Z"
    }

    /// The HTTP `Date` form (RFC 9110 IMF-fixdate) of the whole second, e.g.
    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    public var httpDate: String {
        let f = fields
        let days = Self.floorDivide(Int64(secondsSinceEpoch.rounded(.down)), 86_400).0
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(weekdays[Int(Self.floorDivide(days, 7).1)]), \(Self.pad(f.day, 2)) \(months[Int(f.month - 1)]) "
            + "\(Self.pad(f.year, 4)) \(Self.pad(f.hour, 2)):\(Self.pad(f.minute, 2)):\(Self.pad(f.second, 2)) GMT"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
