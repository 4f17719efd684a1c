import IndexCore
import PythonPackaging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded default blob store: files under one root directory (`--data DIR` → `DIR/files`).
///
/// Committed blobs live at `ROOT/packages/<key path>`, staged ones in `ROOT/staging/` on the
/// same file system, so a commit is a `link(2)` (DESIGN.md §3; security-and-reliability.md §3,
/// write path steps 2-6). A key's path is validated before it touches the file system, and no
/// path is ever built from anything else that comes from outside.
public final class FileSystemBlobStore: BlobStore {
    /// The store's root, resolved to an absolute path without symbolic links.
    public let root: String
    /// Where committed blobs live.
    let packagesDirectory: String
    /// Where uploads are staged.
    let stagingDirectory: String
    let registry = StagingRegistry()
    let io = BlockingIO(label: "cheeseshop.blob-store")

    /// Opens the store at `root`, creating it, `packages/` and `staging/` when missing.
    ///
    /// Runs blocking calls directly: it is meant for startup, before any request is served.
    public init(root: String) throws(BlobStoreError) {
        var created = root.hasPrefix("/") ? "" : "."
        for component in root.split(separator: "/") {
            created += "/" + component
            guard mkdir(created, 0o755) == 0 || errno == EEXIST else { throw .system("create the store's root", errno) }
        }
        guard let resolved = realpath(root, nil) else { throw .system("resolve the store's root", errno) }
        defer { free(resolved) }
        self.root = String(cString: resolved)
        packagesDirectory = self.root + "/packages"
        stagingDirectory = self.root + "/staging"
        for directory in [packagesDirectory, stagingDirectory] {
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
                throw .system("create the store's directories", errno)
            }
        }
    }

    public func stage() async throws(BlobStoreError) -> any StagedBlob {
        try await staging.stage()
    }

    public func size(of key: BlobKey) async throws(BlobStoreError) -> Int? {
        let path = try path(of: key)
        return try await io.run { () throws(BlobStoreError) -> Int? in
            guard let file = try POSIXFiles.openForReading(path) else { return nil }
            return try POSIXFiles.size(of: file)
        }
    }

    public func delete(_ key: BlobKey) async throws(BlobStoreError) {
        let path = try path(of: key)
        _ = try await io.run { () throws(BlobStoreError) -> Bool in
            try POSIXFiles.remove(path)
        }
    }

    /// Removes every file in `staging/` that no live staged blob of this store owns: at
    /// startup, all of them (left by a crash or a kill). Run it before serving, as another
    /// process's uploads in progress would be removed too.
    public func sweepStaged() async throws(BlobStoreError) -> Int {
        try await staging.sweep()
    }

    /// The staging directory, shared code with the other stores that stage to local files.
    var staging: StagingArea {
        StagingArea(directory: stagingDirectory, registry: registry, io: io)
    }

    /// The absolute path of `key`, after checking that it stays under `packages/`.
    func path(of key: BlobKey) throws(BlobStoreError) -> String {
        packagesDirectory + "/" + (try key.safeComponents()).joined(separator: "/")
    }
}

extension FileSystemBlobStore: LocalBlobFiles {
    public func localPath(of key: BlobKey) -> String? {
        try? path(of: key)
    }
}
