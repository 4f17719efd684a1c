import IndexCore
import SQLKit

extension IndexMigration {
    /// Search: one document per project with a release (its latest release's text), the FTS5
    /// index over it, and download counts per project and day. Existing projects are indexed.
    static func createSearchTables(_ db: any SQLDatabase) async throws {
        try await db.create(table: "search_documents")
            .column(
                "project_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("projects", "id", onDelete: .cascade)
            )
            .column("version", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("classifiers", type: .text, .notNull)
            .column("released", type: Self.real, .notNull)
            .column("downloads", type: .bigint, .notNull, .default(0))
            .run()
        try await db.create(index: "search_documents_by_downloads").on("search_documents").column("downloads")
            .run()
        try await db.create(index: "releases_by_created").on("releases").column("created").run()
        if db.dialect.name == "postgresql" {
            // One weighted tsvector per project (A name .. D classifiers) under a GIN index.
            try await db.raw(
                """
                CREATE TABLE search_text (
                    project_id BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
                    document TSVECTOR NOT NULL)
                """
            ).run()
            try await db.raw("CREATE INDEX search_text_document ON search_text USING GIN (document)").run()
        } else {
            // Name weighs most (bm25 weights at query time); `unicode61` splits names on - _ and .
            try await db.raw(
                """
                CREATE VIRTUAL TABLE search_text USING fts5(
                    name, keywords, summary, classifiers, tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
        }
        try await db.create(table: "download_counts")
            .column("project_id", type: .bigint, .notNull, .references("projects", "id", onDelete: .cascade))
            .column("day", type: .bigint, .notNull)
            .column("count", type: .bigint, .notNull)
            .primaryKey("project_id", "day")
            .run()
        let writes = IndexWrites(queries: IndexQueries(db: db), uniqueViolation: { _ in nil })
        for project in try await IndexQueries(db: db).projects() {
            try await writes.refreshSearchDocument(projectID: project.id)
        }
    }
}
