import IndexCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory of staged uploads, shared by the stores that stage to local files (the
/// file-system store and the S3 store): names new files, opens them exclusively, and sweeps
/// the ones no live upload owns.
struct StagingArea: Sendable {
    /// The staging directory's absolute path.
    let directory: String
    /// Which staged names live uploads own.
    let registry: StagingRegistry
    /// Where blocking calls run.
    let io: BlockingIO

    /// How many taken names ``stage()`` skips before it gives up.
    static let maximumNameAttempts = 1000

    /// Creates a new, empty staged file with a fresh name.
    func stage() async throws(BlobStoreError) -> FileSystemStagedBlob {
        let registry = registry
        let staging = directory
        let (name, file) = try await io.run { () throws(BlobStoreError) -> (String, FileDescriptor) in
            for _ in 0..<Self.maximumNameAttempts {
                let name = registry.claimNextName()
                do throws(BlobStoreError) {
                    if let file = try POSIXFiles.createExclusive(staging + "/" + name) { return (name, file) }
                    registry.release(name)
                } catch {
                    registry.release(name)
                    throw error
                }
            }
            throw .system("name a staged file", EEXIST)
        }
        return FileSystemStagedBlob(name: name, path: staging + "/" + name, file: file, registry: registry, io: io)
    }

    /// `staged` as a blob of this area, or `nil` when another store staged it.
    func ownedBlob(_ staged: any StagedBlob) -> FileSystemStagedBlob? {
        guard let blob = staged as? FileSystemStagedBlob, blob.registry === registry else { return nil }
        return blob
    }

    /// Removes every file in the directory that no live staged blob owns; returns how many.
    func sweep() async throws(BlobStoreError) -> Int {
        let registry = registry
        let staging = directory
        return try await io.run { () throws(BlobStoreError) -> Int in
            var removed = 0
            for name in try POSIXFiles.names(in: staging) where !registry.owns(name) {
                if try POSIXFiles.remove(staging + "/" + name) { removed += 1 }
            }
            return removed
        }
    }
}

extension StagingArea {
    /// Creates `path` and its missing parents; returns it resolved to an absolute path without
    /// symbolic links. Runs blocking calls directly: it is meant for startup.
    static func prepareDirectory(_ path: String) throws(BlobStoreError) -> String {
        var created = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            created += "/" + component
            guard mkdir(created, 0o755) == 0 || errno == EEXIST else {
                throw .system("create the staging directory", errno)
            }
        }
        guard let resolved = realpath(path, nil) else { throw .system("resolve the staging directory", errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
