import Crypto
import PythonPackaging

/// The formats `cheeseshop stats ingest` reads.
public enum DownloadLogFormat: String, Sendable, CaseIterable {
    /// nginx's `combined` and varnishncsa's default format.
    case combined
    /// Fastly's linehaul syslog lines (`download|...`, `simple|...`), as PyPI's CDN logs them.
    case linehaul
}

/// Counts read from the lines of one log, between two positions: what one transaction of
/// `cheeseshop stats ingest` adds (``DownloadStatisticsStore/addLoggedDownloads(_:position:previous:)``).
/// A line is counted when it is a `GET` answered 200 of a distribution file, or (200 or 304) of
/// a project's simple page, by a client linehaul does not ignore.
public struct DownloadLogBatch: Sendable {
    public let format: DownloadLogFormat
    public private(set) var counts: [DownloadKey: Int] = [:]
    /// Lines and bytes read, and lines counted, since the batch began.
    public private(set) var lines = 0
    public private(set) var bytes = 0
    public private(set) var counted = 0
    /// User-Agents read before (`nil`: ignored).
    private var clients: [String: DownloadClient?] = [:]

    public init(format: DownloadLogFormat) {
        self.format = format
    }

    /// Reads one line; `bytes` is its length in the log with its line break.
    public mutating func add(_ line: Substring, bytes: Int) {
        lines += 1
        self.bytes += bytes
        let parsed =
            switch format {
            case .combined: AccessLogLine.parseCombined(line)
            case .linehaul: AccessLogLine.parseLinehaul(line)
            }
        guard let entry = parsed, entry.method == "GET", var target = DownloadTarget(path: entry.path[...]) else {
            return
        }
        switch (target.kind, entry.status) {
        case (.file, 200), (.page, 200), (.page, 304): break
        default: return
        }
        if target.kind == .file, let project = entry.project, let version = entry.version {
            // Linehaul names them as the CDN knew them.
            target.project = ProjectName.normalize(project)
            target.version = version
        }
        guard let client = client(entry.userAgent) else { return }
        let key = DownloadKey(
            day: entry.day, kind: target.kind, project: target.project, version: target.version,
            filename: target.filename, client: client)
        counts[key, default: 0] += 1
        counted += 1
    }

    /// Starts the next batch (the User-Agents read stay known).
    public mutating func clear() {
        counts = [:]
        lines = 0
        bytes = 0
        counted = 0
    }

    private mutating func client(_ userAgent: String) -> DownloadClient? {
        if let known = clients[userAgent] { return known }
        let client = UserAgentParser.countedClient(userAgent)
        if clients.count >= 16_384 { clients.removeAll(keepingCapacity: true) }
        clients[userAgent] = client
        return client
    }

    /// The id of a log: the SHA-256 (hex) of its first line.
    public static func logID(firstLine: some Collection<UInt8>) -> String {
        SHA256.hash(data: Array(firstLine)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension DownloadStatisticsStore {
    /// Adds `batch` to the counts, moving the log from `previous` (`nil`: its start) on by the
    /// batch's bytes, in one transaction; returns the new position.
    public func commit(
        _ batch: DownloadLogBatch, logID: String, after previous: DownloadLogPosition?
    ) async throws -> DownloadLogPosition {
        let position = DownloadLogPosition(
            logID: logID, offset: (previous?.offset ?? 0) + batch.bytes, lines: (previous?.lines ?? 0) + batch.lines,
            counted: (previous?.counted ?? 0) + batch.counted)
        try await addLoggedDownloads(batch.counts, position: position, previous: previous)
        return position
    }
}
