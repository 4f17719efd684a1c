import IndexCore
import PythonPackaging
import SQLKit

/// The index's queries, written once on SQLKit for every dialect (DESIGN.md §6). A value
/// works on one connection (or a transaction on it); the store decides which.
struct IndexQueries: Sendable {
    /// Where the queries run.
    let db: any SQLDatabase

    /// Whether `db` is PostgreSQL (its full-text search and a few functions differ).
    var isPostgres: Bool { db.dialect.name == "postgresql" }

    func project(normalizedName: String) async throws -> Project? {
        try await db.select().column("*").from("projects").where("normalized_name", .equal, normalizedName)
            .first().map(IndexRowDecoding.project)
    }

    func project(ofRelease releaseID: ReleaseID) async throws -> Project? {
        try await db.raw(
            "SELECT p.* FROM projects p JOIN releases r ON r.project_id = p.id WHERE r.id = \(bind: releaseID.rawValue)"
        ).first().map(IndexRowDecoding.project)
    }

    func project(ultranormalizedName: String) async throws -> Project? {
        try await db.select().column("*").from("projects").where("ultranormalized_name", .equal, ultranormalizedName)
            .orderBy("id").limit(1).first().map(IndexRowDecoding.project)
    }

    func projects() async throws -> [Project] {
        try await db.select().column("*").from("projects").orderBy("normalized_name").all()
            .map(IndexRowDecoding.project)
    }

    func projectDetail(normalizedName: String) async throws -> ProjectDetail? {
        try await projectDetails(normalizedNames: [normalizedName]).first
    }

    /// Three queries for any number of projects: the projects, their releases, their files.
    func projectDetails(normalizedNames: [String]) async throws -> [ProjectDetail] {
        let projects = try await db.select().column("*").from("projects")
            .where(SQLColumn("normalized_name"), .in, SQLBind.group(normalizedNames)).all()
            .map(IndexRowDecoding.project)
        guard !projects.isEmpty else { return [] }
        let ids = projects.map(\.id)
        let releases = try await db.select().column("*").from("releases")
            .where(SQLColumn("project_id"), .in, SQLBind.group(ids.map(\.rawValue))).orderBy("id").all()
            .map(IndexRowDecoding.release)
        let files = try await filesOfProjects(ids).orderBy(SQLColumn("id", table: "files")).all()
            .map(IndexRowDecoding.file)
        let projectOfRelease = Dictionary(uniqueKeysWithValues: releases.map { ($0.id, $0.projectID) })
        let releasesByProject = Dictionary(grouping: releases, by: \.projectID)
        let filesByProject = Dictionary(grouping: files) { projectOfRelease[$0.releaseID] }
        let byName = Dictionary(projects.map { ($0.normalizedName, $0) }, uniquingKeysWith: { first, _ in first })
        return normalizedNames.compactMap { name in
            guard let project = byName[name] else { return nil }
            return ProjectDetail(
                project: project, releases: releasesByProject[project.id] ?? [], files: filesByProject[project.id] ?? []
            )
        }
    }

    /// The files of the projects' releases (`files.*`).
    private func filesOfProjects(_ ids: [ProjectID]) -> SQLSelectBuilder {
        db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("files"))).from("files")
            .join("releases", on: SQLColumn("id", table: "releases"), .equal, SQLColumn("release_id", table: "files"))
            .where(SQLColumn("project_id", table: "releases"), .in, SQLBind.group(ids.map(\.rawValue)))
    }

    func file(column: String, equals value: String) async throws -> DistributionFile? {
        try await db.select().column("*").from("files").where(column, .equal, value).first()
            .map(IndexRowDecoding.file)
    }

    func user(username: String) async throws -> User? {
        try await db.select().column("*").from("users").where("username", .equal, username).first()
            .map(IndexRowDecoding.user)
    }

    func user(id: UserID) async throws -> User? {
        try await db.select().column("*").from("users").where("id", .equal, id.rawValue).first()
            .map(IndexRowDecoding.user)
    }

    func token(id: TokenID) async throws -> APIToken? {
        try await db.select().column("*").from("tokens").where("id", .equal, id.rawValue).first()
            .map(IndexRowDecoding.token)
    }

    func roles(projectID: ProjectID) async throws -> [Role] {
        try await db.select().column("*").from("roles").where("project_id", .equal, projectID.rawValue)
            .orderBy("user_id").all().map(IndexRowDecoding.role)
    }

    func maxSerial() async throws -> Int64 {
        try await db.select().column(SQLFunction("max", args: SQLColumn("id")), as: "serial").from("journal")
            .first()?.decode(column: "serial", as: Int64?.self) ?? 0
    }

    func journal(after serial: Int64, limit: Int) async throws -> [JournalEntry] {
        try await db.select().column("*").from("journal").where("id", .greaterThan, serial).orderBy("id")
            .limit(max(0, limit)).all().map(IndexRowDecoding.journalEntry)
    }

    func filenameWasUsed(_ filename: String) async throws -> Bool {
        try await db.select().column("filename").from("filename_registry").where("filename", .equal, filename)
            .first() != nil
    }

    func totalSize(projectID: ProjectID) async throws -> Int {
        try await filesOfProjects([projectID]).all().reduce(0) { total, row in
            total + (try row.decode(column: "size", as: Int.self))
        }
    }

    func release(projectID: ProjectID, canonicalVersion: String) async throws -> Release? {
        try await db.select().column("*").from("releases").where("project_id", .equal, projectID.rawValue)
            .where("canonical_version", .equal, canonicalVersion).first().map(IndexRowDecoding.release)
    }
}
