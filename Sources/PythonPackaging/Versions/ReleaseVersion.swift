/// The version of a release as an index stores it: a PEP 440 version when the string is one,
/// otherwise the legacy string that old projects uploaded before PEP 440.
///
/// Ordering is Warehouse's `_pypi_ordering` (via `packaging_legacy.version.parse`): every legacy
/// version sorts below every valid one; valid versions sort by PEP 440; legacy versions by the
/// historical `LegacyVersion` key (setuptools' pre-PEP 440 scheme). Two legacy strings with the
/// same key are equal, as in packaging.
public enum ReleaseVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// A version that conforms to PEP 440.
    case valid(Version)
    /// A version string that does not conform to PEP 440, kept exactly as given.
    case legacy(String)

    /// Parses `string` as a PEP 440 version, or keeps it as a legacy version when it is not one.
    public init(_ string: String) {
        if let version = try? Version(parsing: string) {
            self = .valid(version)
        } else {
            self = .legacy(string)
        }
    }

    /// The PEP 440 version, or `nil` for a legacy version.
    public var version: Version? {
        if case .valid(let version) = self {
            return version
        }
        return nil
    }

    /// The normalized form of a valid version, or the legacy string unchanged.
    public var description: String {
        switch self {
        case .valid(let version): version.description
        case .legacy(let string): string
        }
    }

    public static func < (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        switch (lhs, rhs) {
        case (.valid(let left), .valid(let right)):
            return left < right
        case (.legacy, .valid):
            return true
        case (.valid, .legacy):
            return false
        case (.legacy(let left), .legacy(let right)):
            return LegacyVersionKey(left) < LegacyVersionKey(right)
        }
    }

    public static func == (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        switch (lhs, rhs) {
        case (.valid(let left), .valid(let right)):
            return left == right
        case (.legacy(let left), .legacy(let right)):
            return LegacyVersionKey(left) == LegacyVersionKey(right)
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .valid(let version):
            hasher.combine(0)
            hasher.combine(version)
        case .legacy(let string):
            hasher.combine(1)
            hasher.combine(LegacyVersionKey(string))
        }
    }
}
