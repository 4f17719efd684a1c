/// Deletes a release with its files (Owners only; journal `remove release`). Filenames stay
/// registered; the blobs stay for the reconciler, whose paths are returned.
public struct DeleteRelease: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Deletes `version` of `project`, as `actor`.
    public func callAsFunction(project name: String, version: String, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "delete releases")
        let release = try managed.release(version)
        let id = release.id
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: release.version, action: "remove release",
            missing: .releaseNotFound(managed.project.name, version: version)
        ) { tx in try await tx.deleteRelease(id: id) }
        let files = managed.detail.files.filter { $0.releaseID == id }
        return ManageResult(serial: serial, unreferencedBlobPaths: ManagedProject.blobPaths(files))
    }
}
