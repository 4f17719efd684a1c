import SQLKit

extension IndexMigration {
    /// Download statistics: daily counts by project, kind (file or page), file and client, summed
    /// by every node (`count = count + excluded.count`), and how far each ingested log was read.
    static func createStatisticsTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "download_statistics")
            .column("project", type: .text, .notNull)
            .column("day", type: .bigint, .notNull)
            .column("kind", type: .bigint, .notNull)
            .column("filename", type: .text, .notNull)
            .column("version", type: .text, .notNull)
            .column("installer", type: .text, .notNull)
            .column("installer_version", type: .text, .notNull)
            .column("python", type: .text, .notNull)
            .column("implementation", type: .text, .notNull)
            .column("system", type: .text, .notNull)
            .column("cpu", type: .text, .notNull)
            // -1: not said, 0: not CI, 1: CI.
            .column("ci", type: .bigint, .notNull)
            .column("mirror", type: .bigint, .notNull)
            .column("count", type: .bigint, .notNull)
            .primaryKey(Self.downloadKeyColumns)
            .run()
        try await db.create(index: "download_statistics_by_day").on("download_statistics").column("day").run()
        try await db.create(table: "download_logs")
            .column("log_id", type: .text, .primaryKey(autoIncrement: false))
            .column("position", type: .bigint, .notNull)
            .column("lines", type: .bigint, .notNull)
            .column("counted", type: .bigint, .notNull)
            .run()
    }

    /// The columns that tell one row of `download_statistics` from another (the project and day
    /// first, for the queries of one project over days).
    static let downloadKeyColumns = [
        "project", "day", "kind", "filename", "installer", "installer_version", "python", "implementation",
        "system", "cpu", "ci",
    ]
}
