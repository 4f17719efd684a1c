import PythonPackaging

/// The PEP 792 statuses a project's Owners set: archived (stays installable, refuses uploads) and
/// deprecated (stays installable, not to be used), each taken back to active.
public enum OwnerStatusChange: String, Sendable, CaseIterable {
    case archive, unarchive, deprecate, undeprecate

    /// The status the project gets.
    public var status: ProjectStatus {
        switch self {
        case .archive: .archived
        case .deprecate: .deprecated
        case .unarchive, .undeprecate: .active
        }
    }

    /// The journal action (`archive project`, ...) and the security event's tag.
    var action: String { "\(rawValue) project" }
    var tag: String { "project:\(rawValue)" }
}

/// Sets a project's PEP 792 status as its Owners may (``OwnerStatusChange``).
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
        try await callAsFunction(project: name, change: archived ? .archive : .unarchive, by: actor)
    }

    /// Applies `change` to the project.
    public func callAsFunction(project name: String, change: OwnerStatusChange, by actor: User) async throws
        -> ManageResult
    {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: change.rawValue)
        let project = managed.project
        let now = clock.now()
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil, action: change.action,
            missing: .projectNotFound(name), logsItself: true
        ) { tx in
            try await tx.setStatus(change.status, projectID: project.id)
            try await tx.appendEvent(
                SecurityEvent(userID: actor.id, project: project.normalizedName, tag: change.tag, time: now))
        }
        return ManageResult(serial: serial)
    }
}
