import IndexCore
import PythonPackaging
import SQLKit

extension IndexWrites {
    func createRelease(
        projectID: ProjectID, version: String, canonicalVersion: String, metadata: ReleaseMetadata,
        created: Timestamp, uploader: UserID?
    ) async throws -> Release {
        guard try await exists("projects", projectID.rawValue) else {
            throw IndexStoreError.notFound("project \(projectID)")
        }
        let columns =
            ["project_id", "version", "canonical_version", "yanked", "yanked_reason", "created", "uploader"]
            + ReleaseMetadataColumns.textColumns + ReleaseMetadataColumns.listColumns
        let values: [any Encodable & Sendable] =
            [projectID.rawValue, version, canonicalVersion, 0, "", created.secondsSinceEpoch, uploader?.rawValue]
            + (try ReleaseMetadataColumns.values(metadata))
        let id = try await mapping(to: .release(canonicalVersion)) {
            try await db.insert(into: "releases").columns(columns).values(values)
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new release has no id.") }
        try await refreshSearchDocument(projectID: projectID)
        return Release(
            id: ReleaseID(id), projectID: projectID, version: version, canonicalVersion: canonicalVersion,
            metadata: metadata, created: created, uploader: uploader)
    }

    func yankRelease(id: ReleaseID, reason: String) async throws {
        try await update("releases", id: id.rawValue, what: "release \(id)") {
            $0.set("yanked", to: 1).set("yanked_reason", to: reason)
        }
        try await refreshSearchDocument(ofRelease: id)
    }

    func unyankRelease(id: ReleaseID) async throws {
        try await update("releases", id: id.rawValue, what: "release \(id)") {
            $0.set("yanked", to: 0).set("yanked_reason", to: "")
        }
        try await refreshSearchDocument(ofRelease: id)
    }

    func deleteFile(id: FileID) async throws {
        try await delete(from: "files", id: id.rawValue, what: "file \(id)")
    }

    /// Deletes the release; its files go with it (`ON DELETE CASCADE`).
    func deleteRelease(id: ReleaseID) async throws {
        let projectID = try await projectID(ofRelease: id)
        try await delete(from: "releases", id: id.rawValue, what: "release \(id)")
        if let projectID { try await refreshSearchDocument(projectID: projectID) }
    }

    /// The project of a release, `nil` when there is no such release.
    func projectID(ofRelease id: ReleaseID) async throws -> ProjectID? {
        try await db.select().column("project_id").from("releases").where("id", .equal, id.rawValue)
            .first(decodingColumn: "project_id", as: Int64.self).map(ProjectID.init)
    }

    private func refreshSearchDocument(ofRelease id: ReleaseID) async throws {
        if let projectID = try await projectID(ofRelease: id) { try await refreshSearchDocument(projectID: projectID) }
    }

    /// Deletes the project; its releases, files and roles go with it (`ON DELETE CASCADE`); the
    /// journal and the filename registry stay.
    func deleteProject(id: ProjectID) async throws {
        try await removeSearchDocument(projectID: id)
        try await delete(from: "projects", id: id.rawValue, what: "project \(id)")
    }

    func appendJournal(
        normalizedName: String, projectName: String, version: String?, action: String, time: Timestamp,
        actor: String?
    ) async throws -> Int64 {
        let serial = try await db.insert(into: "journal")
            .columns("normalized_name", "project_name", "version", "action", "time", "actor")
            .values(normalizedName, projectName, version, action, time.secondsSinceEpoch, actor)
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let serial else { throw IndexStoreError.unavailable("The journal entry has no serial.") }
        try await db.update("projects").set("last_serial", to: serial).where("normalized_name", .equal, normalizedName)
            .run()
        return serial
    }
}
