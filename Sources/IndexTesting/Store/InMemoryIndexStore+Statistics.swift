import IndexCore

extension InMemoryIndexStore {
    public func addDownloads(_ counts: [DownloadKey: Int]) async throws {
        try await write { transaction in
            guard let memory = transaction as? InMemoryWriteTransaction else { return }
            try memory.addStatistics(counts)
        }
    }

    public func downloadLog(_ logID: String) async throws -> DownloadLogPosition? {
        read { $0.downloadLogs[logID] }
    }

    public func addLoggedDownloads(
        _ counts: [DownloadKey: Int], position: DownloadLogPosition, previous: DownloadLogPosition?
    ) async throws {
        try await write { transaction in
            guard let memory = transaction as? InMemoryWriteTransaction else { return }
            try memory.change { (rows) throws(IndexStoreError) in
                guard rows.downloadLogs[position.logID] == previous else {
                    throw .conflict(.downloadLog(position.logID))
                }
                rows.downloadLogs[position.logID] = position
            }
            try memory.addStatistics(counts)
        }
    }

    public func downloadTotals(
        project: String, kind: DownloadKind, days: ClosedRange<Int>, by dimension: DownloadDimension, mirrors: Bool
    ) async throws -> [DownloadTotal] {
        read { state in
            var sums: [DownloadTotal.Key: Int] = [:]
            for (key, count) in state.downloadStatistics
            where key.project == project && key.kind == kind && days.contains(key.day)
                && (mirrors || !key.client.isMirror)
            {
                sums[DownloadTotal.Key(day: key.day, category: dimension.category(of: key)), default: 0] += count
            }
            return sums.map { DownloadTotal(day: $0.key.day, category: $0.key.category, count: $0.value) }
                .sorted { ($0.day, $0.category) < ($1.day, $1.category) }
        }
    }

    public func downloadRows(project: String, days: ClosedRange<Int>) async throws -> [(key: DownloadKey, count: Int)] {
        read { state in
            state.downloadStatistics.filter { $0.key.project == project && days.contains($0.key.day) }
                .map { (key: $0.key, count: $0.value) }
                .sorted {
                    ($0.key.day, $0.key.kind.rawValue, $0.key.filename) < (
                        $1.key.day, $1.key.kind.rawValue, $1.key.filename
                    )
                }
        }
    }

    public func pruneDownloads(before day: Int) async throws -> Int {
        try await write { transaction in
            guard let memory = transaction as? InMemoryWriteTransaction else { return 0 }
            return try memory.change { rows in
                let old = rows.downloadStatistics.keys.filter { $0.day < day }
                for key in old { rows.downloadStatistics[key] = nil }
                return old.count
            }
        }
    }
}

extension DownloadTotal {
    /// A day and a category, summed over.
    struct Key: Hashable {
        var day: Int
        var category: String
    }
}

extension InMemoryWriteTransaction {
    /// Adds `counts` to the rows, and file downloads to the search ranking's daily counts.
    func addStatistics(_ counts: [DownloadKey: Int]) throws {
        try change { (rows) throws(IndexStoreError) in
            for (key, count) in counts where count > 0 { rows.downloadStatistics[key, default: 0] += count }
        }
        var byDay: [Int: [String: Int]] = [:]
        for (key, count) in counts where key.kind == .file && count > 0 {
            byDay[key.day, default: [:]][key.filename, default: 0] += count
        }
        for (day, files) in byDay { addDownloads(files, day: day) }
    }
}
