/// A page of the JSON changes feed: the journal entries after `since`, oldest first, at most
/// `limit`. A full page (``isFull``) names the page after it and never changes: the journal only
/// grows, and serials are handed out in commit order. A shorter page is the tail.
public struct ChangesPage: Hashable, Sendable {
    /// The serial the page starts after.
    public var since: Int64
    /// The most entries the page holds.
    public var limit: Int
    /// The index's highest serial when the page was read.
    public var lastSerial: Int64
    /// The entries.
    public var entries: [ChangelogEntry]

    /// Creates a page.
    public init(since: Int64, limit: Int, lastSerial: Int64, entries: [ChangelogEntry]) {
        self.since = since
        self.limit = limit
        self.lastSerial = lastSerial
        self.entries = entries
    }

    /// Whether the page holds `limit` entries (more may follow).
    public var isFull: Bool { entries.count >= limit }

    /// The serial of the page's last entry, `since` when it is empty: where the next page starts.
    public var pageSerial: Int64 { entries.last?.serial ?? since }

    /// The serial the next page starts after, `nil` at the tail.
    public var nextSince: Int64? { isFull ? pageSerial : nil }

    /// The JSON body; `path` is the feed's path, for the `next` link
    /// (`<path>?since=<pageSerial>&limit=<limit>`). Times are ISO 8601 UTC as PEP 700's
    /// `upload-time`.
    public func json(path: String) -> [UInt8] {
        JSONValue.object([
            "since": .int(since),
            "last_serial": .int(lastSerial),
            "changes": .array(
                entries.map { entry in
                    .object([
                        "serial": .int(entry.serial),
                        "project": .string(entry.project),
                        "name": .string(entry.name),
                        "version": .string(entry.version),
                        "action": .string(entry.action),
                        "time": .string(entry.time.iso8601),
                    ])
                }),
            "next": .string(nextSince.map { "\(path)?since=\($0)&limit=\(limit)" }),
        ]).bytes
    }
}
