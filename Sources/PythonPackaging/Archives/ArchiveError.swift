/// Why a distribution archive was refused.
///
/// Warehouse answers such uploads with "Invalid distribution file. <reason>"; `reason` is that
/// second part, written for the person who built the archive.
public struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the archive, as one sentence.
    public let reason: String

    /// Creates an error for `reason`.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
