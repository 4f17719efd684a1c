import IndexCore
import SQLKit

extension IndexQueries {
    /// Full-text search: FTS5 finds and weighs the matches (name 10, keywords 5, summary 2,
    /// classifiers 1), ``SearchRanking`` orders the best ``SearchRanking/candidateLimit``.
    /// Without terms, the projects carrying the classifiers, most downloaded first.
    func search(_ query: SearchQuery) async throws -> SearchResults {
        let terms = SearchRanking.terms(query.text)
        if terms.isEmpty {
            guard !query.classifiers.isEmpty else { return SearchResults(hits: [], total: 0) }
            return try await browse(query)
        }
        // bm25 ranks the matches in the subquery and only the best are joined: joining every
        // match of a common word (tens of thousands) before the sort is what costs. A classifier
        // filter needs the document, so only then is it joined inside.
        let filter = classifierFilter(query.classifiers)
        let sql: SQLQueryString
        if isPostgres {
            // tsvector weights A-D carry name, keywords, summary, classifiers; ts_rank's scale
            // (about 0 to 1) is stretched to bm25's so that downloads weigh alike.
            let documentForFilter =
                query.classifiers.isEmpty ? "" : "JOIN search_documents d ON d.project_id = s.project_id"
            sql = """
                SELECT \(unsafeRaw: Self.hitColumns), m.score
                FROM (SELECT s.project_id AS id, -10 * ts_rank('{0.1, 0.2, 0.5, 1.0}', s.document, q) AS score
                      FROM search_text s \(unsafeRaw: documentForFilter), to_tsquery('simple', \(bind: SearchRanking.textSearchQuery(terms))) q
                      WHERE s.document @@ q AND \(filter)
                      ORDER BY score LIMIT \(unsafeRaw: String(SearchRanking.candidateLimit))) m
                JOIN search_documents d ON d.project_id = m.id JOIN projects p ON p.id = d.project_id
                """
        } else {
            let documentForFilter =
                query.classifiers.isEmpty ? "" : "JOIN search_documents d ON d.project_id = search_text.rowid"
            sql = """
                SELECT \(unsafeRaw: Self.hitColumns), m.score
                FROM (SELECT search_text.rowid AS id, bm25(search_text, 10.0, 5.0, 2.0, 1.0) AS score
                      FROM search_text \(unsafeRaw: documentForFilter)
                      WHERE search_text MATCH \(bind: SearchRanking.fullTextQuery(terms)) AND \(filter)
                      ORDER BY score LIMIT \(unsafeRaw: String(SearchRanking.candidateLimit))) m
                JOIN search_documents d ON d.project_id = m.id JOIN projects p ON p.id = d.project_id
                """
        }
        var candidates = try await db.raw(sql).all().map { row in
            SearchRanking.Candidate(
                hit: try Self.hit(row), relevance: -(try row.decode(column: "score", as: Double.self)))
        }
        // The project the query names comes first even when a thousand better-weighted matches
        // would have pushed it out of the candidates.
        let exact = SearchRanking.exactName(query.text)
        if !candidates.contains(where: { $0.hit.normalizedName == exact }),
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.hitColumns) FROM \(unsafeRaw: Self.hitSource)
                WHERE p.normalized_name = \(bind: exact) AND \(filter)
                """
            ).first()
        {
            candidates.append(SearchRanking.Candidate(hit: try Self.hit(row), relevance: 0))
        }
        return SearchRanking.page(SearchRanking.ranked(candidates, text: query.text), query)
    }

    private func browse(_ query: SearchQuery) async throws -> SearchResults {
        let filter = classifierFilter(query.classifiers)
        let total =
            try await db.raw("SELECT count(*) AS n FROM search_documents d WHERE \(filter)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let rows = try await db.raw(
            """
            SELECT \(unsafeRaw: Self.hitColumns) FROM \(unsafeRaw: Self.hitSource) WHERE \(filter)
            ORDER BY d.downloads DESC, p.normalized_name
            LIMIT \(unsafeRaw: String(query.perPage)) OFFSET \(unsafeRaw: String((query.page - 1) * query.perPage))
            """
        ).all()
        return SearchResults(hits: try rows.map(Self.hit), total: total)
    }

    /// The columns ``hit(_:)`` reads, from ``hitSource``.
    private static let hitColumns = "p.name, p.normalized_name, d.version, d.summary, d.released, d.downloads"
    private static let hitSource = "search_documents d JOIN projects p ON p.id = d.project_id"

    /// `d.classifiers` (newline-framed) carries every one of `classifiers`.
    private func classifierFilter(_ classifiers: [String]) -> SQLQueryString {
        var filter = SQLQueryString("1 = 1")
        for classifier in classifiers {
            filter.appendInterpolation(
                unsafeRaw: isPostgres ? " AND strpos(d.classifiers, " : " AND instr(d.classifiers, ")
            filter.appendInterpolation(bind: "\n" + classifier + "\n")
            filter.appendInterpolation(unsafeRaw: ") > 0")
        }
        return filter
    }

    private static func hit(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(
            name: try row.decode(column: "name", as: String.self),
            normalizedName: try row.decode(column: "normalized_name", as: String.self),
            version: try row.decode(column: "version", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            released: try IndexRowDecoding.timestamp(row, "released"),
            downloads: try row.decode(column: "downloads", as: Int.self))
    }

    func recentReleases(limit: Int) async throws -> [RecentRelease] {
        try await db.raw(
            """
            SELECT p.name, r.version, coalesce(r.summary, '') AS summary, r.created
            FROM releases r JOIN projects p ON p.id = r.project_id
            WHERE p.status <> \(bind: ProjectStatus.quarantined.rawValue)
            ORDER BY r.created DESC, r.id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.recentRelease)
    }

    func newestProjects(limit: Int) async throws -> [RecentRelease] {
        try await db.raw(
            """
            SELECT p.name, p.created, r.version, coalesce(r.summary, '') AS summary
            FROM projects p JOIN releases r ON r.id = (
                SELECT l.id FROM releases l WHERE l.project_id = p.id ORDER BY l.created DESC, l.id DESC LIMIT 1)
            WHERE p.status <> \(bind: ProjectStatus.quarantined.rawValue)
            ORDER BY p.created DESC, p.id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.recentRelease)
    }

    /// A row of `name`, `version`, `summary` and `created`.
    private static func recentRelease(_ row: any SQLRow) throws -> RecentRelease {
        RecentRelease(
            name: try row.decode(column: "name", as: String.self),
            version: try row.decode(column: "version", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            created: try IndexRowDecoding.timestamp(row, "created"))
    }

    func statistics() async throws -> IndexStatistics {
        func count(_ table: String) async throws -> Int {
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(table)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
        return IndexStatistics(
            projects: try await count("projects"), releases: try await count("releases"),
            files: try await count("files"), users: try await count("users"))
    }
}
