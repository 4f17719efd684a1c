import IndexCore
import SQLKit

extension IndexQueries {
    func downloadLog(_ logID: String) async throws -> DownloadLogPosition? {
        guard
            let row = try await db.select().columns("position", "lines", "counted").from("download_logs")
                .where("log_id", .equal, logID).first()
        else { return nil }
        return DownloadLogPosition(
            logID: logID, offset: try row.decode(column: "position", as: Int.self),
            lines: try row.decode(column: "lines", as: Int.self),
            counted: try row.decode(column: "counted", as: Int.self))
    }

    func downloadTotals(
        project: String, kind: DownloadKind, days: ClosedRange<Int>, by dimension: DownloadDimension, mirrors: Bool
    ) async throws -> [DownloadTotal] {
        let category = Self.statisticsColumn(dimension).map { SQLRaw($0) as any SQLExpression } ?? SQLLiteral.string("")
        let query = db.select()
            .column("day")
            .column(category, as: "category")
            .column(SQLRaw("CAST(sum(count) AS BIGINT)"), as: "total")
            .from("download_statistics")
            .where("project", .equal, project)
            .where("kind", .equal, kind.rawValue)
            .where("day", .greaterThanOrEqual, days.lowerBound)
            .where("day", .lessThanOrEqual, days.upperBound)
        if !mirrors { query.where("mirror", .equal, 0) }
        query.groupBy("day")
        if let column = Self.statisticsColumn(dimension) { query.groupBy(SQLRaw(column)) }
        return try await query.orderBy("day").orderBy("category").all().map { row in
            DownloadTotal(
                day: try row.decode(column: "day", as: Int.self),
                category: try row.decode(column: "category", as: String.self),
                count: try row.decode(column: "total", as: Int.self))
        }
    }

    func downloadRows(project: String, days: ClosedRange<Int>) async throws -> [(key: DownloadKey, count: Int)] {
        try await db.select().column("*").from("download_statistics")
            .where("project", .equal, project)
            .where("day", .greaterThanOrEqual, days.lowerBound)
            .where("day", .lessThanOrEqual, days.upperBound)
            .orderBy("day").orderBy("kind").orderBy("filename").orderBy("installer").orderBy("python")
            .all().map { row in
                func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
                let ci = try row.decode(column: "ci", as: Int.self)
                let client = DownloadClient(
                    installer: try text("installer"), installerVersion: try text("installer_version"),
                    python: try text("python"), implementation: try text("implementation"), system: try text("system"),
                    cpu: try text("cpu"), ci: ci < 0 ? nil : ci == 1)
                let key = DownloadKey(
                    day: try row.decode(column: "day", as: Int.self),
                    kind: DownloadKind(rawValue: try row.decode(column: "kind", as: Int.self)) ?? .file,
                    project: project, version: try text("version"), filename: try text("filename"), client: client)
                return (key: key, count: try row.decode(column: "count", as: Int.self))
            }
    }

    /// The column a dimension sums by (`nil`: the day alone).
    static func statisticsColumn(_ dimension: DownloadDimension) -> String? {
        switch dimension {
        case .total: nil
        case .version: "version"
        case .filename: "filename"
        case .installer: "installer"
        case .python: "python"
        case .implementation: "implementation"
        case .system: "system"
        case .cpu: "cpu"
        }
    }
}

extension IndexWrites {
    func setDownloadLog(_ position: DownloadLogPosition) async throws {
        try await db.insert(into: "download_logs").columns("log_id", "position", "lines", "counted")
            .values(position.logID, position.offset, position.lines, position.counted)
            .onConflict(with: ["log_id"]) {
                $0.set(excludedValueOf: "position").set(excludedValueOf: "lines").set(excludedValueOf: "counted")
            }.run()
    }

    /// Adds `counts` to `download_statistics` (in a fixed order, so nodes adding at once never
    /// wait on each other in a circle) and file downloads to the search ranking's counts.
    func addStatistics(_ counts: [DownloadKey: Int]) async throws {
        let rows = counts.filter { $0.value > 0 }.map { (key: $0.key, count: $0.value, order: Self.order($0.key)) }
            .sorted { $0.order.lexicographicallyPrecedes($1.order) }
        for chunk in stride(from: 0, to: rows.count, by: 500).map({ rows[$0..<min($0 + 500, rows.count)] }) {
            let insert = db.insert(into: "download_statistics")
                .columns(IndexMigration.downloadKeyColumns + ["version", "mirror", "count"])
            for (key, count, _) in chunk {
                let client = key.client
                let values: [any Encodable & Sendable] = [
                    key.project, key.day, key.kind.rawValue, key.filename, client.installer, client.installerVersion,
                    client.python, client.implementation, client.system, client.cpu, client.ci.map { $0 ? 1 : 0 } ?? -1,
                    key.version, client.isMirror ? 1 : 0, count,
                ]
                insert.values(values.map { SQLBind($0) })
            }
            try await insert.onConflict(with: IndexMigration.downloadKeyColumns) {
                $0.set("count", to: SQLRaw("download_statistics.count + excluded.count"))
            }.run()
        }
        var byDay: [Int: [String: Int]] = [:]
        for (key, count, _) in rows where key.kind == .file {
            byDay[key.day, default: [:]][key.filename, default: 0] += count
        }
        for (day, files) in byDay.sorted(by: { $0.key < $1.key }) { try await addDownloads(files, day: day) }
    }

    /// Where a row goes in the order rows are written in: its key columns, compared in turn.
    private static func order(_ key: DownloadKey) -> [String] {
        let client = key.client
        return [
            key.project, String(key.day), String(key.kind.rawValue), key.filename, client.installer,
            client.installerVersion, client.python, client.implementation, client.system, client.cpu,
            String(client.ci.map { $0 ? 1 : 0 } ?? -1),
        ]
    }
}
