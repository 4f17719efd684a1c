import IndexCore
import PythonPackaging
import SQLKit

extension IndexWrites {
    /// The most bound values one statement carries (SQLite allows 32,766, PostgreSQL 65,535).
    static let bindsPerStatement = 30_000

    /// Creates the projects of `batch` that do not exist (see ``ProjectImporting``) with
    /// multi-row statements: a few dozen statements per thousand projects instead of a dozen
    /// per project.
    func importProjects(_ batch: [ImportedProject]) async throws -> Int {
        var seen = Set<String>()
        let unique = batch.filter { seen.insert($0.normalizedName).inserted }
        guard !unique.isEmpty else { return 0 }
        let existing = Set(
            try await db.select().column("normalized_name").from("projects")
                .where("normalized_name", .in, unique.map(\.normalizedName)).all()
                .map { try $0.decode(column: "normalized_name", as: String.self) })
        let fresh = unique.filter { !existing.contains($0.normalizedName) }
        guard !fresh.isEmpty else { return 0 }

        var projectIDs: [String: ProjectID] = [:]
        for chunk in Self.chunks(fresh, columns: 6) {
            var insert = db.insert(into: "projects")
                .columns("name", "normalized_name", "ultranormalized_name", "status", "last_serial", "created")
            for project in chunk {
                insert = insert.values(
                    project.name, project.normalizedName, ProjectName(project.name).ultranormalized,
                    ProjectStatus.active.rawValue, Int64(0), project.created.secondsSinceEpoch)
            }
            for row in try await insert.returning("id", "normalized_name").all() {
                projectIDs[try row.decode(column: "normalized_name", as: String.self)] =
                    ProjectID(try row.decode(column: "id", as: Int64.self))
            }
        }

        var releases: [ProjectID: Release] = [:]
        let releaseColumns =
            ["project_id", "version", "canonical_version", "yanked", "yanked_reason", "created", "uploader"]
            + ReleaseMetadataColumns.textColumns + ReleaseMetadataColumns.listColumns
        let withRelease = fresh.compactMap { project in
            projectIDs[project.normalizedName].flatMap { id in project.release(id: ReleaseID(0), projectID: id) }
        }
        for chunk in Self.chunks(withRelease, columns: releaseColumns.count) {
            var insert = db.insert(into: "releases").columns(releaseColumns)
            for release in chunk {
                insert = insert.values(
                    [
                        release.projectID.rawValue, release.version, release.canonicalVersion, 0, "",
                        release.created.secondsSinceEpoch, nil as Int64?,
                    ] + (try ReleaseMetadataColumns.values(release.metadata)))
            }
            let byProject = Dictionary(uniqueKeysWithValues: chunk.map { ($0.projectID, $0) })
            for row in try await insert.returning("id", "project_id").all() {
                let projectID = ProjectID(try row.decode(column: "project_id", as: Int64.self))
                guard var release = byProject[projectID] else { continue }
                release.id = ReleaseID(try row.decode(column: "id", as: Int64.self))
                releases[projectID] = release
            }
        }

        try await journalImported(fresh, projectIDs: projectIDs, releases: releases)
        try await indexImported(fresh, projectIDs: projectIDs, releases: releases)
        return fresh.count
    }

    /// `create` and `new release` entries, then each project's last serial.
    private func journalImported(
        _ projects: [ImportedProject], projectIDs: [String: ProjectID], releases: [ProjectID: Release]
    ) async throws {
        var entries: [(name: String, projectName: String, version: String?, action: String, time: Timestamp)] = []
        for project in projects {
            entries.append((project.normalizedName, project.name, nil, "create", project.created))
            if let id = projectIDs[project.normalizedName], let release = releases[id] {
                entries.append((project.normalizedName, project.name, release.version, "new release", release.created))
            }
        }
        for chunk in Self.chunks(entries, columns: 6) {
            var insert = db.insert(into: "journal")
                .columns("normalized_name", "project_name", "version", "action", "time", "actor")
            for entry in chunk {
                insert = insert.values(
                    entry.name, entry.projectName, entry.version, entry.action, entry.time.secondsSinceEpoch,
                    nil as String?)
            }
            try await insert.run()
        }
        for chunk in Self.chunks(Array(projectIDs.values), columns: 1) {
            try await db.raw(
                """
                UPDATE projects SET last_serial = (SELECT max(j.id) FROM journal j WHERE j.normalized_name = projects.normalized_name)
                WHERE id IN \(SQLGroupExpression(chunk.map { SQLBind($0.rawValue) }))
                """
            ).run()
        }
    }

    /// The search documents of the projects with a release.
    private func indexImported(
        _ projects: [ImportedProject], projectIDs: [String: ProjectID], releases: [ProjectID: Release]
    ) async throws {
        let documents: [(ProjectID, SearchDocument)] = projects.compactMap { imported in
            guard let id = projectIDs[imported.normalizedName], let release = releases[id] else { return nil }
            let project = Project(
                id: id, name: imported.name, normalizedName: imported.normalizedName, created: imported.created)
            return SearchDocument(project: project, releases: [release]).map { (id, $0) }
        }
        for chunk in Self.chunks(documents, columns: 6) {
            var insert = db.insert(into: "search_documents")
                .columns("project_id", "version", "summary", "classifiers", "released", "downloads")
            for (id, document) in chunk {
                insert = insert.values(
                    id.rawValue, document.version, document.summary, document.classifierLines,
                    document.released.secondsSinceEpoch, Int64(0))
            }
            try await insert.run()
            try await insertSearchText(chunk)
        }
    }

    /// `count` rows per statement for `columns` bound values each.
    static func chunks<T>(_ items: [T], columns: Int) -> [ArraySlice<T>] {
        let size = max(1, min(1000, bindsPerStatement / max(columns, 1)))
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
