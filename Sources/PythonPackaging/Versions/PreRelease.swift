/// The pre-release segment of a PEP 440 version: alpha, beta or release candidate and a number.
public struct PreRelease: Hashable, Sendable, CustomStringConvertible {
    /// The phase of a pre-release, in the order PEP 440 sorts them.
    public enum Kind: Int, Hashable, Comparable, Sendable, CustomStringConvertible {
        /// `a`, also spelled `alpha`.
        case alpha = 0
        /// `b`, also spelled `beta`.
        case beta = 1
        /// `rc`, also spelled `c`, `pre` or `preview`.
        case releaseCandidate = 2

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The normalized letters: `a`, `b` or `rc`.
        public var description: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }
    }

    /// The phase.
    public let kind: Kind
    /// The number after the letters; an omitted number is zero (`1.0a` is `1.0a0`).
    public let number: VersionNumber

    /// Creates the segment `kind` `number`.
    public init(_ kind: Kind, _ number: VersionNumber) {
        self.kind = kind
        self.number = number
    }

    /// The normalized form, e.g. `rc1`.
    public var description: String { "\(kind)\(number)" }
}
