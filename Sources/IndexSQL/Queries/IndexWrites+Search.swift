import IndexCore
import SQLKit

extension IndexWrites {
    /// Rewrites the project's search document from its releases (none: removes it). Runs in
    /// the transaction that changed the releases, so search never disagrees with the pages.
    func refreshSearchDocument(projectID: ProjectID) async throws {
        try await removeSearchDocument(projectID: projectID)
        guard let project = try await queries.project(id: projectID) else { return }
        let releases = try await db.select().column("*").from("releases").where(
            "project_id", .equal, projectID.rawValue
        )
        .all().map(IndexRowDecoding.release)
        guard let document = SearchDocument(project: project, releases: releases) else { return }
        let downloads =
            try await db.raw(
                """
                SELECT CAST(coalesce(sum(count), 0) AS BIGINT) AS total FROM download_counts WHERE project_id = \(bind: projectID.rawValue)
                AND day > (SELECT coalesce(max(day), 0) FROM download_counts WHERE project_id = \(bind: projectID.rawValue)) - 30
                """
            ).first(decodingColumn: "total", as: Int.self) ?? 0
        try await db.insert(into: "search_documents")
            .columns("project_id", "version", "summary", "classifiers", "released", "downloads")
            .values(
                projectID.rawValue, document.version, document.summary, document.classifierLines,
                document.released.secondsSinceEpoch, downloads
            )
            .run()
        try await insertSearchText([(projectID, document)])
    }

    /// The full-text rows of `documents`, in one statement.
    func insertSearchText(_ documents: ArraySlice<(ProjectID, SearchDocument)>) async throws {
        guard !documents.isEmpty else { return }
        if queries.isPostgres {
            // The words as search splits queries (``SearchRanking/terms(_:limit:)``), so that
            // `zope.interface` is found by `interface` as in SQLite's unicode61 tokenizer.
            func words(_ text: String) -> String { SearchRanking.terms(text, limit: .max).joined(separator: " ") }
            var sql = SQLQueryString("INSERT INTO search_text (project_id, document) VALUES ")
            for (index, (id, document)) in documents.enumerated() {
                if index > 0 { sql.appendLiteral(", ") }
                sql.appendInterpolation(
                    """
                    (\(bind: id.rawValue),
                    setweight(to_tsvector('simple', \(bind: words(document.name))), 'A')
                    || setweight(to_tsvector('simple', \(bind: words(document.keywords))), 'B')
                    || setweight(to_tsvector('simple', \(bind: words(document.summary))), 'C')
                    || setweight(to_tsvector('simple', \(bind: words(document.classifiers.joined(separator: " ")))), 'D'))
                    """ as SQLQueryString)
            }
            try await db.raw(sql).run()
        } else {
            var insert = db.insert(into: "search_text").columns("rowid", "name", "keywords", "summary", "classifiers")
            for (id, document) in documents {
                insert = insert.values(
                    id.rawValue, document.name, document.keywords, document.summary,
                    document.classifiers.joined(separator: "\n"))
            }
            try await insert.run()
        }
    }

    /// Removes the project's search document.
    func removeSearchDocument(projectID: ProjectID) async throws {
        let key = queries.isPostgres ? "project_id" : "rowid"
        try await db.delete(from: "search_text").where(SQLColumn(key), .equal, SQLBind(projectID.rawValue)).run()
        try await db.delete(from: "search_documents").where("project_id", .equal, projectID.rawValue).run()
    }

    /// Adds download counts by filename to their projects' counts of `day` and refreshes the
    /// 30-day totals that search ranks by.
    func addDownloads(_ counts: [String: Int], day: Int) async throws {
        var byProject: [Int64: Int] = [:]
        for (filename, count) in counts where count > 0 {
            let projectID = try await db.raw(
                "SELECT r.project_id FROM files f JOIN releases r ON r.id = f.release_id WHERE f.filename = \(bind: filename)"
            ).first(decodingColumn: "project_id", as: Int64.self)
            if let projectID { byProject[projectID, default: 0] += count }
        }
        for (id, count) in byProject.sorted(by: { $0.key < $1.key }) {
            let project = (id: ProjectID(id), count: count)
            try await db.raw(
                """
                INSERT INTO download_counts (project_id, day, count) VALUES (\(bind: project.id.rawValue), \(bind: day), \(bind: project.count))
                ON CONFLICT (project_id, day) DO UPDATE SET count = download_counts.count + excluded.count
                """
            ).run()
            try await db.raw(
                """
                UPDATE search_documents SET downloads = (SELECT CAST(coalesce(sum(count), 0) AS BIGINT) FROM download_counts
                WHERE project_id = \(bind: project.id.rawValue) AND day > \(bind: day - 30))
                WHERE project_id = \(bind: project.id.rawValue)
                """
            ).run()
        }
    }
}
