/// Archives a project or takes the archive back (Owners only; PEP 792 `archived` status): an
/// archived project stays installable and refuses uploads.
public struct ArchiveProject: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Sets the project's status to archived (`true`) or active (`false`).
    public func callAsFunction(project name: String, archived: Bool, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: archived ? "archive" : "unarchive")
        let project = managed.project
        let now = clock.now()
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil,
            action: archived ? "archive project" : "unarchive project", missing: .projectNotFound(name),
            logsItself: true
        ) { tx in
            try await tx.setStatus(archived ? .archived : .active, projectID: project.id)
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project.normalizedName,
                    tag: archived ? "project:archive" : "project:unarchive", time: now))
        }
        return ManageResult(serial: serial)
    }
}
