import IndexCore
import SQLKit

extension SQLIndexStore {
    public func addDownloads(_ counts: [DownloadKey: Int]) async throws {
        guard !counts.isEmpty else { return }
        try await write { transaction in
            guard let transaction = transaction as? SQLWriteTransaction else { return }
            try await transaction.live().addStatistics(counts)
        }
    }

    public func downloadLog(_ logID: String) async throws -> DownloadLogPosition? {
        try await read { try await $0.downloadLog(logID) }
    }

    public func addLoggedDownloads(
        _ counts: [DownloadKey: Int], position: DownloadLogPosition, previous: DownloadLogPosition?
    ) async throws {
        try await write { transaction in
            guard let transaction = transaction as? SQLWriteTransaction else { return }
            let writes = try transaction.live()
            guard try await writes.queries.downloadLog(position.logID) == previous else {
                throw IndexStoreError.conflict(.downloadLog(position.logID))
            }
            try await writes.setDownloadLog(position)
            try await writes.addStatistics(counts)
        }
    }

    public func downloadTotals(
        project: String, kind: DownloadKind, days: ClosedRange<Int>, by dimension: DownloadDimension, mirrors: Bool
    ) async throws -> [DownloadTotal] {
        try await read {
            try await $0.downloadTotals(project: project, kind: kind, days: days, by: dimension, mirrors: mirrors)
        }
    }

    public func downloadRows(project: String, days: ClosedRange<Int>) async throws -> [(key: DownloadKey, count: Int)] {
        try await read { try await $0.downloadRows(project: project, days: days) }
    }

    public func pruneDownloads(before day: Int) async throws -> Int {
        try await write { transaction in
            guard let transaction = transaction as? SQLWriteTransaction else { return 0 }
            let db = try transaction.live().db
            let rows =
                try await db.raw(
                    "SELECT CAST(count(*) AS BIGINT) AS n FROM download_statistics WHERE day < \(bind: day)"
                ).first(decodingColumn: "n", as: Int.self) ?? 0
            try await db.delete(from: "download_statistics").where("day", .lessThan, day).run()
            try await db.delete(from: "download_counts").where("day", .lessThan, day).run()
            return rows
        }
    }
}
