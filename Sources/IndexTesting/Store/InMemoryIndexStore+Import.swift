import IndexCore

extension InMemoryIndexStore: ProjectImporting {
    public func importProjects(_ batch: [ImportedProject]) async throws -> Int {
        try await write { tx in
            var created = 0
            for imported in batch where try await tx.project(normalizedName: imported.normalizedName) == nil {
                let project = try await tx.createProject(
                    name: imported.name, normalizedName: imported.normalizedName, created: imported.created)
                _ = try await tx.appendJournal(
                    normalizedName: project.normalizedName, projectName: project.name, version: nil, action: "create",
                    time: imported.created, actor: nil)
                if let release = imported.release(id: ReleaseID(0), projectID: project.id) {
                    _ = try await tx.createRelease(
                        projectID: project.id, version: release.version, canonicalVersion: release.canonicalVersion,
                        metadata: release.metadata, created: release.created, uploader: nil)
                    _ = try await tx.appendJournal(
                        normalizedName: project.normalizedName, projectName: project.name, version: release.version,
                        action: "new release", time: release.created, actor: nil)
                }
                created += 1
            }
            return created
        }
    }
}
