/// A non-negative integer of any length, as found in the numeric parts of a PEP 440 version.
///
/// Real version strings on package indexes contain numbers far beyond 64 bits (dates with times,
/// commit counts glued together), so the value is kept as its digits when it does not fit.
/// Leading zeros are not significant: `007` and `7` are the same number, as Python's `int()`.
public struct VersionNumber: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// Values below 10^18 are stored as integers, larger ones as their decimal digits without
    /// leading zeros. Each value has exactly one representation, so synthesised equality works.
    enum Storage: Hashable, Sendable {
        case small(UInt64)
        case large(String)
    }

    /// Numbers with this many digits or fewer are kept as `UInt64`.
    static let smallDigitLimit = 18

    let storage: Storage

    /// Creates the number `value`.
    public init(_ value: UInt64) {
        if value < 1_000_000_000_000_000_000 {
            storage = .small(value)
        } else {
            storage = .large(String(value))
        }
    }

    public init(integerLiteral value: UInt64) {
        self.init(value)
    }

    /// Creates a number from ASCII decimal digits; the caller guarantees `digits` holds only
    /// `0`-`9` and at least one of them.
    init<Digits: Collection<UInt8>>(asciiDigits digits: Digits) {
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        if significant.count <= Self.smallDigitLimit {
            var value: UInt64 = 0
            for digit in significant {
                value = value &* 10 &+ UInt64(digit &- UInt8(ascii: "0"))
            }
            storage = .small(value)
        } else {
            storage = .large(String(decoding: significant, as: UTF8.self))
        }
    }

    /// The value as an unsigned 64-bit integer, or `nil` when it does not fit.
    public var uint64Value: UInt64? {
        switch storage {
        case .small(let value):
            return value
        case .large(let digits):
            return UInt64(digits)
        }
    }

    /// Whether the number is zero.
    public var isZero: Bool { storage == .small(0) }

    /// The decimal digits without leading zeros, as Python's `str(int(...))`.
    public var description: String {
        switch storage {
        case .small(let value):
            return String(value)
        case .large(let digits):
            return digits
        }
    }

    public static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.small(let left), .small(let right)):
            return left < right
        case (.small, .large):
            return true
        case (.large, .small):
            return false
        case (.large(let left), .large(let right)):
            if left.utf8.count != right.utf8.count {
                return left.utf8.count < right.utf8.count
            }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
    }
}
