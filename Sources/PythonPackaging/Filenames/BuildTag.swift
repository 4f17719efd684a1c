/// The optional build tag of a wheel filename (PEP 427), e.g. `1` or `2abc`. It must start
/// with a digit; like `packaging` it splits into the leading number and the rest, and sorts
/// by the number, then the rest.
public struct BuildTag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The leading decimal number, without leading zeros (`"0"` for zero), of any size.
    public let number: String
    /// What follows the number, e.g. `abc` in `2abc`.
    public let suffix: String

    /// Parses a build tag as packaging's `(\d+)(.*)` (ASCII digits; like Python's `.`,
    /// the rest stops before a line feed). Nil unless it starts with a digit.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        let digitCount = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        guard digitCount > 0 else { return nil }
        let significant = bytes[..<digitCount].drop { $0 == UInt8(ascii: "0") }
        self.number = significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
        let rest = bytes[digitCount...].prefix { $0 != UInt8(ascii: "\n") }
        self.suffix = String(decoding: rest, as: UTF8.self)
    }

    /// The number and suffix, e.g. `2abc` (leading zeros of the number dropped).
    public var description: String { number + suffix }

    public static func < (lhs: BuildTag, rhs: BuildTag) -> Bool {
        if lhs.number.utf8.count != rhs.number.utf8.count {
            return lhs.number.utf8.count < rhs.number.utf8.count
        }
        if lhs.number != rhs.number {
            return lhs.number.utf8.lexicographicallyPrecedes(rhs.number.utf8)
        }
        return lhs.suffix.unicodeScalars.lexicographicallyPrecedes(rhs.suffix.unicodeScalars) { $0.value < $1.value }
    }
}
