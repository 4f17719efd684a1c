/// Deletes one file of a release (Owners only; journal `remove file <filename>`). The filename
/// stays registered forever; the blob stays for the reconciler, whose paths are returned.
public struct DeleteFile: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Deletes the file named `filename` of `project`, as `actor`.
    public func callAsFunction(project name: String, filename: String, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "delete files")
        let missing = ManageError.fileNotFound(managed.project.name, filename: filename)
        guard let file = managed.detail.files.first(where: { $0.filename == filename }),
            let release = managed.detail.releases.first(where: { $0.id == file.releaseID })
        else { throw missing }
        let id = file.id
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: release.version, action: "remove file \(filename)",
            missing: missing
        ) { tx in try await tx.deleteFile(id: id) }
        return ManageResult(serial: serial, unreferencedBlobPaths: ManagedProject.blobPaths([file]))
    }
}
