/// Deletes a project with its releases, files and roles (Owners only; journal `remove project`).
/// The journal and the filename registry stay; the blobs stay for the reconciler, whose paths
/// are returned. The name is reserved for its former Owners for `cooldown` seconds
/// (``NameReservationPolicy``).
public struct DeleteProject: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let cooldown: Double

    /// Creates the use case on its ports.
    public init(
        store: any IndexStore, clock: any IndexClock, cooldown: Double = NameReservationPolicy.deletedNameCooldown
    ) {
        self.store = store
        self.clock = clock
        self.cooldown = cooldown
    }

    /// Deletes `project`, as `actor`.
    public func callAsFunction(project name: String, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "delete the project")
        let project = managed.project
        let owners = try await store.roles(projectID: project.id).filter { $0.kind == .owner }.map(\.userID)
        let now = clock.now()
        let reservation = ReservedName(
            normalizedName: project.normalizedName, reason: .deleted,
            until: Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + cooldown),
            comment: "deleted by \(actor.username)", created: now, formerOwners: owners)
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil, action: "remove project",
            missing: .projectNotFound(name)
        ) { tx in
            try await tx.deleteProject(id: project.id)
            try await tx.reserveName(reservation)
        }
        return ManageResult(serial: serial, unreferencedBlobPaths: ManagedProject.blobPaths(managed.detail.files))
    }
}
