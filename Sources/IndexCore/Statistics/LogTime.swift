/// The times access logs write, read to whole seconds since 1970-01-01T00:00:00Z.
enum LogTime {
    /// The common log format's `%t` without its brackets, e.g. `07/Dec/2026:13:10:54 +0100`
    /// (nginx's `$time_local`, varnishncsa's and Apache's `%t`); the offset is honoured.
    static func commonLogFormat(_ text: ArraySlice<UInt8>) -> Int64? {
        // dd/Mon/yyyy:HH:MM:SS +zzzz
        guard text.count == 26 else { return nil }
        let start = text.startIndex
        func separator(_ offset: Int, _ byte: Unicode.Scalar) -> Bool { text[start + offset] == UInt8(ascii: byte) }
        guard separator(2, "/"), separator(6, "/"), separator(11, ":"), separator(14, ":"), separator(17, ":"),
            separator(20, " "), let day = number(text, at: 0, digits: 2),
            let month = month(text[(start + 3)..<(start + 6)]), let year = number(text, at: 7, digits: 4),
            let hour = number(text, at: 12, digits: 2), let minute = number(text, at: 15, digits: 2),
            let second = number(text, at: 18, digits: 2), let offset = offset(text[(start + 21)...]),
            let local = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return local - offset
    }

    /// An HTTP date (RFC 1123, as Fastly's `now` is logged for linehaul), e.g.
    /// `Thu, 07 Jan 2021 20:54:54 GMT`; the weekday may be missing (it is not checked) and the
    /// zone may be `GMT`, `UTC` or a `+hhmm` offset.
    static func httpDate(_ text: ArraySlice<UInt8>) -> Int64? {
        var rest = text
        if let comma = rest.prefix(5).firstIndex(of: UInt8(ascii: ",")) {
            rest = rest[(comma + 1)...].droppingLeadingWhitespace()
        }
        // d[d] Mon yyyy HH:MM:SS zone
        let dayDigits = rest.prefix(while: \.isASCIIDigit)
        guard (1...2).contains(dayDigits.count), let day = dayDigits.decimalValue else { return nil }
        rest = rest[dayDigits.endIndex...]
        let start = rest.startIndex
        guard rest.count >= 22, rest[start] == UInt8(ascii: " "), let month = month(rest[(start + 1)..<(start + 4)]),
            rest[start + 4] == UInt8(ascii: " "), let year = number(rest, at: 5, digits: 4),
            rest[start + 9] == UInt8(ascii: " "), let hour = number(rest, at: 10, digits: 2),
            rest[start + 12] == UInt8(ascii: ":"), let minute = number(rest, at: 13, digits: 2),
            rest[start + 15] == UInt8(ascii: ":"), let second = number(rest, at: 16, digits: 2),
            rest[start + 18] == UInt8(ascii: " "),
            let local = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let zone = rest[(start + 19)...]
        if zone.equalsASCII("GMT") || zone.equalsASCII("UTC") { return local }
        guard let offset = offset(zone) else { return nil }
        return local - offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The seconds of a valid date and time (a leap second's `60` included), else `nil`.
    private static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard (1970...9999).contains(year), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `+hhmm` or `-hhmm` as seconds east of UTC.
    private static func offset(_ text: ArraySlice<UInt8>) -> Int64? {
        guard text.count == 5, let sign = text.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let hours = number(text, at: 1, digits: 2), let minutes = number(text, at: 3, digits: 2), hours <= 23,
            minutes <= 59
        else { return nil }
        let seconds = Int64(hours * 3600 + minutes * 60)
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// `Jan` to `Dec` (English, as logs write them whatever the locale) as 1 to 12.
    private static func month(_ text: ArraySlice<UInt8>) -> Int? {
        monthNames.firstIndex { text.equalsASCII($0) }.map { $0 + 1 }
    }

    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// The decimal number in `digits` bytes at `offset` from the start of `text`.
    private static func number(_ text: ArraySlice<UInt8>, at offset: Int, digits: Int) -> Int? {
        let start = text.startIndex + offset
        guard start + digits <= text.endIndex else { return nil }
        return text[start..<(start + digits)].decimalValue
    }
}
