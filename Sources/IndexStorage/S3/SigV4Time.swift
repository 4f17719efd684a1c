import IndexCore

/// The two forms of a signing time SigV4 uses, in UTC: `20150830T123600Z` and `20150830`.
public struct SigV4Time: Hashable, Sendable {
    /// The ISO 8601 basic form, `YYYYMMDD'T'HHMMSS'Z'` (the `x-amz-date` header).
    public let dateTime: String

    /// The date, `YYYYMMDD` (the first part of the credential scope).
    public var date: String { String(dateTime.prefix(8)) }

    /// The whole second of `timestamp`.
    public init(_ timestamp: Timestamp) {
        let whole = Timestamp(secondsSinceEpoch: timestamp.secondsSinceEpoch.rounded(.down))
        dateTime = whole.iso8601Seconds.filter { $0 != "-" && $0 != ":" } + "Z"
    }
}
