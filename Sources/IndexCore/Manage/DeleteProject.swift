/// Deletes a project with its releases, files and roles (Owners only; journal `remove project`).
/// The journal and the filename registry stay; the blobs stay for the reconciler, whose paths
/// are returned.
public struct DeleteProject: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Deletes `project`, as `actor`.
    public func callAsFunction(project name: String, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "delete the project")
        let id = managed.project.id
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil, action: "remove project",
            missing: .projectNotFound(name)
        ) { tx in try await tx.deleteProject(id: id) }
        return ManageResult(serial: serial, unreferencedBlobPaths: ManagedProject.blobPaths(managed.detail.files))
    }
}
