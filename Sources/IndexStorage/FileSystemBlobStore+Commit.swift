import IndexCore

extension FileSystemBlobStore {
    /// The bytes compared at a time when a key already holds a file.
    static let comparisonChunk = 1 << 20

    /// Makes `staged` durable at `key`: finish (fsync) the staged file, create the key's
    /// directories, `link(2)` it into place, fsync the directories that gained an entry, unlink
    /// the staged name.
    ///
    /// `link` fails when the target exists, so a blob is never overwritten and never seen half
    /// written: an existing file with the same bytes makes the commit a no-op, one with other
    /// bytes throws ``BlobStoreError/keyHoldsOtherContent`` and leaves both files as they were.
    /// Two commits of the same bytes to one key both succeed.
    public func commit(_ staged: any StagedBlob, as key: BlobKey) async throws(BlobStoreError) {
        try await commit([(staged, key)])
    }

    /// Commits each blob as ``commit(_:as:)`` does, with one round of directory flushes for all
    /// of them: the directories and links are made first, then each directory that gained an
    /// entry is flushed once, deepest first, before any staged name is removed. A distribution
    /// and its metadata file share a directory, so one flush covers both; and on a journaling
    /// file system the first flush writes every new name at once, leaving the others nothing to
    /// do. When one blob fails, the error is thrown and no blob counts as committed (the ones
    /// linked before it are left for the reconciler, as no row points to them).
    public func commit(_ blobs: [(any StagedBlob, BlobKey)]) async throws(BlobStoreError) {
        var commits: [(blob: FileSystemStagedBlob, components: [String], size: Int)] = []
        for (staged, key) in blobs {
            let components = try key.safeComponents()
            guard let blob = staged as? FileSystemStagedBlob, blob.registry === registry else {
                throw .foreignStagedBlob
            }
            _ = try await blob.finish()
            commits.append((blob, components, 0))
        }
        var begun: [FileSystemStagedBlob] = []
        do {
            for index in commits.indices {
                commits[index].size = try commits[index].blob.beginCommit().size
                begun.append(commits[index].blob)
            }
            let packages = packagesDirectory
            let linking = commits.map { (source: $0.blob.path, components: $0.components, size: $0.size) }
            try await io.run { () throws(BlobStoreError) in
                var grown: [String] = []
                for blob in linking {
                    let (directory, parents) = try POSIXFiles.createDirectories(
                        in: packages, blob.components.dropLast())
                    grown.append(contentsOf: parents)
                    let target = directory + "/" + (blob.components.last ?? "")
                    if try POSIXFiles.linkExclusive(blob.source, to: target) {
                        grown.append(directory)
                    } else {
                        guard try Self.sameBytes(blob.source, target, size: blob.size) else {
                            throw .keyHoldsOtherContent
                        }
                    }
                }
                var flushed: Set<String> = []
                for directory in grown.reversed() where flushed.insert(directory).inserted {
                    try POSIXFiles.syncDirectory(directory)
                }
                for blob in linking { try POSIXFiles.remove(blob.source) }
            }
        } catch {
            for blob in begun { blob.endCommit(committed: false) }
            throw error
        }
        for blob in begun { blob.endCommit(committed: true) }
    }

    /// Whether the file at `existing` holds exactly the `size` bytes of the file at `staged`.
    static func sameBytes(_ staged: String, _ existing: String, size: Int) throws(BlobStoreError) -> Bool {
        guard let existingFile = try POSIXFiles.openForReading(existing),
            try POSIXFiles.size(of: existingFile) == size
        else {
            return false
        }
        guard let stagedFile = try POSIXFiles.openForReading(staged) else {
            throw .stagedBlobUnusable("gone")
        }
        var offset = 0
        while offset < size {
            let count = min(comparisonChunk, size - offset)
            let left = try POSIXFiles.read(stagedFile, at: offset, count: count)
            let right = try POSIXFiles.read(existingFile, at: offset, count: count)
            guard left.count == count, left == right else { return false }
            offset += count
        }
        return true
    }
}
