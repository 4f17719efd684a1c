import PythonPackaging

/// A project loaded for a management action, after the actor's role was checked.
struct ManagedProject: Sendable {
    let detail: ProjectDetail

    var project: Project { detail.project }

    /// Loads the project named `name` (any spelling) and checks that `actor` holds one of
    /// `allowed` on it and that it is not quarantined; `action` words the refusal.
    static func load(
        _ name: String, store: any IndexStore, actor: User, allowed: Set<RoleKind>, action: String
    ) async throws -> ManagedProject {
        guard let detail = try await store.projectDetail(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        let project = detail.project
        let roles = try await store.effectiveRoles(projectID: project.id)
        guard roles.contains(where: { $0.userID == actor.id && allowed.contains($0.kind) }) else {
            throw ManageError.notAllowed(actor.username, action: action, project: project.name)
        }
        guard project.status != .quarantined else { throw ManageError.quarantined(project.name) }
        return ManagedProject(detail: detail)
    }

    /// The release whose canonical version matches `version`.
    func release(_ version: String) throws(ManageError) -> Release {
        let canonical = Version.canonicalize(version)
        guard let release = detail.releases.first(where: { $0.canonicalVersion == canonical }) else {
            throw ManageError.releaseNotFound(project.name, version: version)
        }
        return release
    }

    /// The blob paths of `files`: each file and, when it has one, its PEP 658 metadata file.
    static func blobPaths(_ files: [DistributionFile]) -> [String] {
        files.flatMap { file in
            [file.upload.blobPath] + (file.upload.metadataDigests == nil ? [] : [file.upload.blobPath + ".metadata"])
        }
    }

    /// Runs `body` in one write transaction and appends the journal entry `action` and (unless
    /// `body` logs its own) a `project:manage` security event; a row that vanished meanwhile (a
    /// concurrent delete) becomes `missing`.
    func write(
        store: any IndexStore, clock: any IndexClock, actor: User, version: String?, action: String,
        missing: ManageError, logsItself: Bool = false,
        _ body: @escaping @Sendable (any IndexWriteTransaction) async throws -> Void
    ) async throws -> Int64 {
        let project = self.project
        do {
            return try await store.write { tx in
                try await body(tx)
                if !logsItself {
                    var details = ["action": action]
                    if let version { details["version"] = version }
                    try await tx.appendEvent(
                        SecurityEvent(
                            userID: actor.id, project: project.normalizedName, tag: "project:manage",
                            time: clock.now(), details: details))
                }
                return try await tx.appendJournal(
                    normalizedName: project.normalizedName, projectName: project.name, version: version,
                    action: action, time: clock.now(), actor: actor.username)
            }
        } catch IndexStoreError.notFound {
            throw missing
        }
    }
}
