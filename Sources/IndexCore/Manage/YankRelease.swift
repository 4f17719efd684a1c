/// Yanks a release or takes the yank back (PEP 592; Warehouse's `manage/views.py`): Owners and
/// Maintainers may, the journal says `yank release` or `unyank release`.
public struct YankRelease: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Yanks `version` of `project` with `reason` (empty: none), as `actor`.
    @discardableResult
    public func yank(project: String, version: String, reason: String = "", by actor: User) async throws -> ManageResult {
        try await change(project: project, version: version, actor: actor, action: "yank release") { tx, id in
            try await tx.yankRelease(id: id, reason: reason)
        }
    }

    /// Takes back the yank of `version` of `project`, as `actor`.
    @discardableResult
    public func unyank(project: String, version: String, by actor: User) async throws -> ManageResult {
        try await change(project: project, version: version, actor: actor, action: "unyank release") { tx, id in
            try await tx.unyankRelease(id: id)
        }
    }

    private func change(
        project name: String, version: String, actor: User, action: String,
        _ body: @escaping @Sendable (any IndexWriteTransaction, ReleaseID) async throws -> Void
    ) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner, .maintainer], action: "yank releases")
        let release = try managed.release(version)
        let id = release.id
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: release.version, action: action,
            missing: .releaseNotFound(managed.project.name, version: version)
        ) { tx in try await body(tx, id) }
        return ManageResult(serial: serial)
    }
}
