/// What a mirror follows (reference b.5, b.6): the journal's last serial, every listed project
/// with its last serial, and the journal entries after a serial, oldest first. PyPI's XML-RPC
/// mirroring methods and the JSON changes feed both read through it.
public struct MirrorChangelog: Sendable {
    /// The most entries one read returns (Warehouse's `changelog_since_serial` limit).
    public static let maximumEntries = 50_000

    let store: any IndexStore

    /// The changelog of `store`.
    public init(store: any IndexStore) {
        self.store = store
    }

    /// The journal's highest serial, 0 when it is empty (`changelog_last_serial`).
    public func lastSerial() async throws -> Int64 {
        try await store.maxSerial()
    }

    /// Every project `/simple/` lists (quarantined ones left out, PEP 792), by normalized name,
    /// with its name as stored and its last serial (`list_packages_with_serial`).
    public func projectSerials() async throws -> [SimpleIndex.Entry] {
        SimpleIndex(projects: try await store.projects(), lastSerial: 0).projects
    }

    /// The journal entries with a serial above `serial`, oldest first, at most `limit` (clamped
    /// to 1...``maximumEntries``) (`changelog_since_serial`).
    public func entries(after serial: Int64, limit: Int = maximumEntries) async throws -> [ChangelogEntry] {
        let limit = min(max(limit, 1), Self.maximumEntries)
        return try await store.journal(after: serial, limit: limit).map(ChangelogEntry.init)
    }

    /// A page of the changes feed: the entries after `since`, at most `limit`, with the index's
    /// last serial (read first, so it is never below a serial of the page).
    public func page(since: Int64, limit: Int) async throws -> ChangesPage {
        let last = try await lastSerial()
        let entries = try await entries(after: since, limit: limit)
        return ChangesPage(
            since: since, limit: min(max(limit, 1), Self.maximumEntries),
            lastSerial: max(last, entries.last?.serial ?? 0),
            entries: entries)
    }
}
