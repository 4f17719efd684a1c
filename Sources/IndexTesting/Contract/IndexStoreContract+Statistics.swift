import IndexCore

extension IndexStoreContract {
    /// Download statistics: rows add up (also from concurrent writers), totals by dimension,
    /// mirrors left out on request, a log's position moves once, old days pruned.
    static func downloadStatistics(_ store: any IndexStore) async throws {
        let pip = DownloadClient(
            installer: "pip", installerVersion: "24.0", python: "3.12", implementation: "CPython", system: "Linux",
            cpu: "x86_64", ci: false)
        let uv = DownloadClient(installer: "uv", installerVersion: "0.5.1", python: "3.13", system: "Darwin", ci: nil)
        let mirror = DownloadClient(installer: "bandersnatch", installerVersion: "6.5.0")
        func file(_ day: Int, _ client: DownloadClient, version: String = "1.0") -> DownloadKey {
            DownloadKey(
                day: day, kind: .file, project: "stat-demo", version: version,
                filename: "stat_demo-\(version)-py3-none-any.whl", client: client)
        }
        try await store.addDownloads([file(100, pip): 3, file(100, uv): 2, file(101, mirror): 5])
        // Concurrent writers of the same rows add up.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { try await store.addDownloads([file(101, pip): 1, file(101, uv, version: "1.1"): 1]) }
            }
            try await group.waitForAll()
        }
        try await store.addDownloads([DownloadKey(day: 101, kind: .page, project: "stat-demo", client: pip): 7])
        let total = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 0...200, by: .total, mirrors: true)
        try expect(
            total == [
                DownloadTotal(day: 100, category: "", count: 5), DownloadTotal(day: 101, category: "", count: 21),
            ], "totals by day: \(total)")
        let without = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 0...200, by: .total, mirrors: false)
        try expect(without.map(\.count) == [5, 16], "without mirrors: \(without)")
        let python = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 101...101, by: .python, mirrors: true)
        try expect(
            python == [
                DownloadTotal(day: 101, category: "", count: 5), DownloadTotal(day: 101, category: "3.12", count: 8),
                DownloadTotal(day: 101, category: "3.13", count: 8),
            ], "by python: \(python)")
        let versions = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 0...200, by: .version, mirrors: true)
        try expect(versions.filter { $0.category == "1.1" }.map(\.count) == [8], "by version: \(versions)")
        let pages = try await store.downloadTotals(
            project: "stat-demo", kind: .page, days: 0...200, by: .installer, mirrors: true)
        try expect(pages == [DownloadTotal(day: 101, category: "pip", count: 7)], "pages: \(pages)")
        let rows = try await store.downloadRows(project: "stat-demo", days: 101...101)
        try expect(rows.reduce(0) { $0 + $1.count } == 28, "rows of day 101: \(rows)")
        try expect(
            rows.contains { $0.key.client == pip && $0.key.kind == .file && $0.count == 8 }, "a row reads back whole")
        try expect(try await store.downloadRows(project: "other", days: 0...200).isEmpty, "another project has none")

        // A log's position: added once; a stale previous position conflicts and adds nothing.
        try expect(try await store.downloadLog("log-a") == nil, "an unknown log")
        let first = DownloadLogPosition(logID: "log-a", offset: 100, lines: 2, counted: 2)
        try await store.addLoggedDownloads([file(102, pip): 2], position: first, previous: nil)
        try await expectConflict(.downloadLog("log-a")) {
            try await store.addLoggedDownloads([file(102, pip): 2], position: first, previous: nil)
        }
        try expect(try await store.downloadLog("log-a") == first, "the position reads back")
        let day102 = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 102...102, by: .total, mirrors: true)
        try expect(day102.map(\.count) == [2], "a log counted once: \(day102)")

        try expect(try await store.pruneDownloads(before: 101) == 2, "two rows of day 100 pruned")
        let left = try await store.downloadTotals(
            project: "stat-demo", kind: .file, days: 0...200, by: .total, mirrors: true)
        try expect(left.map(\.day) == [101, 102], "pruned days are gone: \(left)")
    }
}
