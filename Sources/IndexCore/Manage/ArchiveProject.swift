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

/// An administrator's quarantine (PEP 792 `quarantined`): the project leaves the simple pages,
/// the files, the JSON API, the feeds and the export, and refuses every change, until an
/// administrator releases it (back to active). Each is a journal entry, so caches are purged and
/// mirrors follow. No project role is asked: the caller (the CLI, run by the operator) is the
/// administrator.
public struct QuarantineProject: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Quarantines the project (`true`) or releases it (`false`); `reason` goes to the security log.
    public func callAsFunction(project name: String, quarantined: Bool, reason: String = "", by actor: User)
        async throws -> ManageResult
    {
        guard let project = try await store.project(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        guard (project.status == .quarantined) != quarantined else {
            throw ManageError(
                .conflict,
                quarantined
                    ? "The project '\(project.name)' is already quarantined."
                    : "The project '\(project.name)' is not quarantined.")
        }
        let now = clock.now()
        let action = quarantined ? "quarantine project" : "release project from quarantine"
        let serial = try await store.write { tx in
            try await tx.setStatus(quarantined ? .quarantined : .active, projectID: project.id)
            var details = ["action": action]
            if !reason.isEmpty { details["reason"] = reason }
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project.normalizedName,
                    tag: quarantined ? "project:quarantine" : "project:release", time: now, details: details))
            return try await tx.appendJournal(
                normalizedName: project.normalizedName, projectName: project.name, version: nil, action: action,
                time: now, actor: actor.username)
        }
        return ManageResult(serial: serial)
    }
}
