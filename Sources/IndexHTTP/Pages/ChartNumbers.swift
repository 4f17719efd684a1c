/// Numbers as the download statistics write them, without Foundation formatters: counts with
/// thousands separators, percentages to a tenth, SVG coordinates to a tenth, round axis ticks.
enum ChartNumbers {
    /// `value` with a comma between groups of three digits, e.g. `1,234,567`.
    static func thousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.utf8.count > 3 else { return value < 0 ? "-" + digits : digits }
        var text = value < 0 ? "-" : ""
        text.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        let leading = digits.utf8.count % 3
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (offset - leading) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// `part` of `whole` as a percentage rounded half up to a tenth, e.g. `33.3%`; `<0.1%` for a
    /// part too small to show, `0.0%` for none (or no whole).
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0, part > 0 else { return "0.0%" }
        let tenths = (part * 2000 + whole) / (2 * whole)
        guard tenths > 0 else { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// An SVG coordinate or length rounded to a tenth, without a trailing `.0`: `12`, `3.5`.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = String(tenths.magnitude / 10)
        let sign = tenths < 0 ? "-" : ""
        let fraction = tenths.magnitude % 10
        return fraction == 0 ? sign + whole : sign + whole + "." + String(fraction)
    }

    /// Axis ticks from 0 in a round step (1, 2 or 5 times a power of ten), at most `intervals`
    /// of them, the last at or above `maximum`: 12 gives 0, 5, 10, 15; 87 gives 0, 20 ... 100.
    static func ticks(upTo maximum: Int, intervals: Int = 5) -> [Int] {
        let top = max(maximum, 1)
        var step = 1
        var magnitude = 1
        search: while true {
            for multiple in [1, 2, 5] where multiple * magnitude * intervals >= top {
                step = multiple * magnitude
                break search
            }
            magnitude *= 10
        }
        let count = (top + step - 1) / step
        return (0...count).map { $0 * step }
    }
}
