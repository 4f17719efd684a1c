import Foundation
import IndexCore
import SQLKit
import SQLiteKit

/// The public metadata snapshot (`GET /snapshot/index.sqlite`, `snapshot/index.sqlite` in an
/// export): every visible project, release and file with its hashes, as one SQLite database a
/// client can download and query locally. What it lists is what the simple pages and the JSON
/// API list (it is built from the same page models).
///
/// A working database (`work.sqlite` in ``directory``) follows the journal: each refresh
/// rewrites the rows of the projects changed since its serial. Each new serial is published as
/// a compact copy, `index-<serial>.sqlite` (`VACUUM INTO`, then a rename), which never changes
/// afterwards, so a download in progress is never mixed with a newer state; the previous copy is
/// kept one more round for downloads that started on it.
public actor MetadataSnapshotBuilder {
    /// The snapshot's schema version, in its `meta` table.
    public static let schemaVersion = "1"

    /// A published snapshot.
    public struct Published: Hashable, Sendable {
        /// The journal serial it reflects.
        public let serial: Int64
        /// The database file.
        public let path: String
    }

    /// Where the working database and the published copies are.
    public let directory: String
    let store: any IndexStore
    let urls: IndexURLs
    /// The newest published copy, if any.
    public private(set) var published: Published?

    /// A builder keeping its files in `directory` (created when missing), linking files under
    /// `urls`; it starts from the newest copy already published there.
    public init(directory: String, store: any IndexStore, urls: IndexURLs) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.store = store
        self.urls = urls
        published = Self.copies(in: directory).last.map { Published(serial: $0, path: Self.path(directory, $0)) }
    }

    /// Brings the snapshot up to the journal and publishes it; returns the new copy, or `nil`
    /// when the published one is current.
    @discardableResult
    public func refresh() async throws -> Published? {
        let connection = try await SQLiteConnection.open(storage: .file(path: "\(directory)/work.sqlite"))
        let result: Result<Published?, any Error>
        do {
            result = .success(try await refresh(connection.sql()))
        } catch {
            result = .failure(error)
        }
        // Closed outside this task: when it is cancelled (the server stopping), a close in it
        // can end early and leave the connection open.
        let closed = await Task { try await connection.close() }.result
        let published = try result.get()
        try closed.get()
        return published
    }

    private func refresh(_ db: any SQLDatabase) async throws -> Published? {
        for statement in Self.schema { try await db.raw(SQLQueryString(statement)).run() }
        let known = try await db.raw("SELECT value FROM meta WHERE key = 'serial'").first(
            decodingColumn: "value", as: String.self
        )
        .flatMap { Int64($0) }
        let serial: Int64
        let changed: [String]
        if let known {
            (changed, serial) = try await store.projectsChanged(after: known)
            if changed.isEmpty, let published, published.serial == serial,
                FileManager.default.fileExists(atPath: published.path)
            {
                return nil
            }
        } else {
            serial = try await store.maxSerial()
            try await db.raw("DELETE FROM files").run()
            try await db.raw("DELETE FROM releases").run()
            try await db.raw("DELETE FROM projects").run()
            changed = try await store.projects().map(\.normalizedName)
        }
        var start = 0
        repeat {
            let batch = changed[start..<min(start + 500, changed.count)]
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                try await rewrite(batch, db, emptied: known == nil)
                if start + batch.count >= changed.count {
                    try await db.raw(
                        "INSERT INTO meta (key, value) VALUES ('serial', \(bind: String(serial))) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    ).run()
                    try await db.raw(
                        "INSERT INTO meta (key, value) VALUES ('schema', \(bind: Self.schemaVersion)) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    ).run()
                }
                try await db.raw("COMMIT").run()
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
            start += batch.count
        } while start < changed.count
        if let published, published.serial == serial, FileManager.default.fileExists(atPath: published.path) {
            return nil
        }
        let path = Self.path(directory, serial)
        let temporary = path + ".tmp"
        try? FileManager.default.removeItem(atPath: temporary)
        try await db.raw("VACUUM INTO \(bind: temporary)").run()
        guard rename(temporary, path) == 0 else { throw IndexStoreError.unavailable("Could not publish \(path).") }
        let copy = Published(serial: serial, path: path)
        published = copy
        for old in Self.copies(in: directory).dropLast(2) {
            try? FileManager.default.removeItem(atPath: Self.path(directory, old))
        }
        return copy
    }

    /// Replaces the rows of projects `names` with what their simple pages and JSON documents say,
    /// read from the store in one bulk read and written in multi-row inserts (`emptied`: a first
    /// build, whose tables were just emptied, has nothing to delete).
    private func rewrite(_ names: ArraySlice<String>, _ db: any SQLDatabase, emptied: Bool) async throws {
        if !emptied {
            let list = SQLBind.group(Array(names))
            try await db.delete(from: "files").where(SQLColumn("project"), .in, list).run()
            try await db.delete(from: "releases").where(SQLColumn("project"), .in, list).run()
            try await db.delete(from: "projects").where(SQLColumn("name"), .in, list).run()
        }
        var projects: [[any SQLExpression]] = []
        var releases: [[any SQLExpression]] = []
        var files: [[any SQLExpression]] = []
        for detail in try await store.projectDetails(normalizedNames: Array(names)) {
            guard let page = SimpleProjectPage(detail, urls: urls) else { continue }
            let project = detail.project
            let name = project.normalizedName
            projects.append([
                SQLBind(name), SQLBind(project.name), SQLBind(project.status.rawValue), SQLBind(project.lastSerial),
            ])
            for release in detail.releases {
                releases.append([
                    SQLBind(name), SQLBind(release.version), SQLBind(release.metadata.summary),
                    SQLBind(release.metadata.requiresPython), SQLBind(release.yanked),
                    SQLBind(release.yanked ? release.yankedReason : nil), SQLBind(release.created.iso8601),
                ])
            }
            let versions = Dictionary(uniqueKeysWithValues: detail.releases.map { ($0.id, $0.version) })
            let uploads = Dictionary(uniqueKeysWithValues: detail.files.map { ($0.filename, $0) })
            for file in page.files {
                guard let stored = uploads[file.filename], let version = versions[stored.releaseID] else { continue }
                let digests = stored.upload.digests
                let yanked: String? =
                    switch file.yanked {
                    case .no: nil
                    case .yanked: ""
                    case .reason(let reason): reason
                    }
                files.append([
                    SQLBind(file.filename), SQLBind(name), SQLBind(version), SQLBind(file.url),
                    SQLBind(stored.upload.packageType.rawValue), SQLBind(stored.upload.pythonVersion),
                    SQLBind(file.requiresPython), SQLBind(stored.upload.size), SQLBind(stored.upload.uploadTime.iso8601),
                    SQLBind(digests.sha256), SQLBind(digests.blake2b256), SQLBind(digests.md5),
                    SQLBind(file.coreMetadataSHA256), SQLBind(yanked),
                ])
            }
        }
        try await insert(projects, into: "projects", ["name", "display_name", "status", "last_serial"], db)
        try await insert(
            releases, into: "releases",
            ["project", "version", "summary", "requires_python", "yanked", "yanked_reason", "created"], db)
        try await insert(
            files, into: "files",
            [
                "filename", "project", "version", "url", "packagetype", "python_version", "requires_python", "size",
                "upload_time", "sha256", "blake2b_256", "md5", "core_metadata_sha256", "yanked",
            ], db)
    }

    /// `rows` in multi-row statements, each within SQLite's 32,766 bound values.
    private func insert(
        _ rows: [[any SQLExpression]], into table: String, _ columns: [String], _ db: any SQLDatabase
    ) async throws {
        let perStatement = 30_000 / columns.count
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var statement = db.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] { statement = statement.values(row) }
            try await statement.run()
        }
    }

    static let schema = [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS projects (
            name TEXT PRIMARY KEY, display_name TEXT NOT NULL, status TEXT NOT NULL, last_serial INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS releases (
            project TEXT NOT NULL, version TEXT NOT NULL, summary TEXT, requires_python TEXT,
            yanked INTEGER NOT NULL, yanked_reason TEXT, created TEXT NOT NULL, PRIMARY KEY (project, version))
        """,
        """
        CREATE TABLE IF NOT EXISTS files (
            filename TEXT PRIMARY KEY, project TEXT NOT NULL, version TEXT NOT NULL, url TEXT NOT NULL,
            packagetype TEXT NOT NULL, python_version TEXT NOT NULL, requires_python TEXT, size INTEGER NOT NULL,
            upload_time TEXT NOT NULL, sha256 TEXT NOT NULL, blake2b_256 TEXT NOT NULL, md5 TEXT NOT NULL,
            core_metadata_sha256 TEXT, yanked TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS files_by_release ON files (project, version)",
    ]

    static func path(_ directory: String, _ serial: Int64) -> String { "\(directory)/index-\(serial).sqlite" }

    /// The serials of the published copies in `directory`, oldest first.
    static func copies(in directory: String) -> [Int64] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> Int64? in
            guard name.hasPrefix("index-"), name.hasSuffix(".sqlite") else { return nil }
            return Int64(name.dropFirst("index-".count).dropLast(".sqlite".count))
        }
        .sorted()
    }
}
