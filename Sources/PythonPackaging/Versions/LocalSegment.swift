/// One dot-separated part of a PEP 440 local version label (`ubuntu` and `1` in `+ubuntu.1`).
///
/// Parts made only of digits are numbers (compared numerically, `01` equals `1`); others are
/// lowercase strings. PEP 440 sorts strings before numbers.
public enum LocalSegment: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// A part made only of ASCII letters and digits, containing a letter; lowercase.
    case string(String)
    /// A part made only of digits.
    case number(VersionNumber)

    public static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)):
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        case (.string, .number):
            return true
        case (.number, .string):
            return false
        case (.number(let left), .number(let right)):
            return left < right
        }
    }

    /// The part as packaging prints it: numbers without leading zeros.
    public var description: String {
        switch self {
        case .string(let text): text
        case .number(let number): number.description
        }
    }
}
