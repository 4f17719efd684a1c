/// What a count is of: a file download or a request for a project's simple page.
public enum DownloadKind: Int, Sendable, CaseIterable {
    case file = 0
    case page = 1
}

/// One row of the daily download counts: what was asked for, on which day (UTC days since
/// 1970-01-01), by which client. A page request has no version or filename.
public struct DownloadKey: Hashable, Sendable {
    public var day: Int
    public var kind: DownloadKind
    /// The project's normalized name.
    public var project: String
    public var version: String
    public var filename: String
    public var client: DownloadClient

    public init(
        day: Int, kind: DownloadKind, project: String, version: String = "", filename: String = "",
        client: DownloadClient = DownloadClient()
    ) {
        self.day = day
        self.kind = kind
        self.project = project
        self.version = version
        self.filename = filename
        self.client = client
    }
}

/// What download counts are summed by: the day alone, or the day and one of the client's or
/// file's fields.
public enum DownloadDimension: String, Sendable, CaseIterable {
    case total, version, filename, installer, python, implementation, system, cpu
}

/// The downloads of one day and one category (empty for ``DownloadDimension/total``; empty also
/// when the client did not tell).
public struct DownloadTotal: Sendable, Equatable {
    public var day: Int
    public var category: String
    public var count: Int

    public init(day: Int, category: String, count: Int) {
        self.day = day
        self.category = category
        self.count = count
    }
}

/// How far a log file has been counted: the file is known by the digest of its first line, so
/// a rotated (renamed) file is the same file and a new one with the old name is not.
public struct DownloadLogPosition: Sendable, Equatable {
    /// The SHA-256 of the log's first line, hex.
    public var logID: String
    /// Bytes of the (decompressed) log read: everything before is counted.
    public var offset: Int
    /// Lines read and lines counted, over every ingest of the log.
    public var lines: Int
    public var counted: Int

    public init(logID: String, offset: Int, lines: Int, counted: Int) {
        self.logID = logID
        self.offset = offset
        self.lines = lines
        self.counted = counted
    }
}

/// Daily download counts (DESIGN.md: statistics): added by every node as it serves, and by
/// `cheeseshop stats ingest` from the logs of what answered in front of it; summed for pages,
/// the JSON API and the pypistats-compatible API.
public protocol DownloadStatisticsStore: Sendable {
    /// Adds `counts` to the stored counts (rows are summed, so nodes adding at once add up), and
    /// file downloads to the 30-day totals search ranks by.
    func addDownloads(_ counts: [DownloadKey: Int]) async throws

    /// How far the log `logID` has been counted (`nil`: never).
    func downloadLog(_ logID: String) async throws -> DownloadLogPosition?

    /// Adds `counts`, read from a log between `previous` (`nil`: its start) and `position`, in
    /// one transaction with the log's new position; throws
    /// ``IndexStoreError/conflict(_:)`` (``IndexStoreConflict/downloadLog(_:)``) when the stored position is no longer `previous`
    /// (another ingest of the same log got there first), and then adds nothing.
    func addLoggedDownloads(
        _ counts: [DownloadKey: Int], position: DownloadLogPosition, previous: DownloadLogPosition?
    ) async throws

    /// The sums by day (and `dimension`) of `project`'s downloads of `kind` over `days`;
    /// `mirrors` false leaves out mirrors' downloads. Days without downloads are absent.
    func downloadTotals(
        project: String, kind: DownloadKind, days: ClosedRange<Int>, by dimension: DownloadDimension, mirrors: Bool
    ) async throws -> [DownloadTotal]

    /// Every stored row of `project` over `days`, oldest day first (the CSV export).
    func downloadRows(project: String, days: ClosedRange<Int>) async throws -> [(key: DownloadKey, count: Int)]

    /// Removes the counts of the days before `day`; returns how many rows went.
    func pruneDownloads(before day: Int) async throws -> Int
}
