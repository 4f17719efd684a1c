import IndexCore

extension FileSystemBlobStore {
    /// The bytes compared at a time when a key already holds a file.
    static let comparisonChunk = 1 << 20

    /// Makes `staged` durable at `key`: finish (fsync) the staged file, create the key's
    /// directories, `link(2)` it into place, fsync the directory, unlink the staged name.
    ///
    /// `link` fails when the target exists, so a blob is never overwritten and never seen half
    /// written: an existing file with the same bytes makes the commit a no-op, one with other
    /// bytes throws ``BlobStoreError/keyHoldsOtherContent`` and leaves both files as they were.
    /// Two commits of the same bytes to one key both succeed.
    public func commit(_ staged: any StagedBlob, as key: BlobKey) async throws(BlobStoreError) {
        let components = try key.safeComponents()
        guard let blob = staged as? FileSystemStagedBlob, blob.registry === registry else {
            throw .foreignStagedBlob
        }
        _ = try await blob.finish()
        let (_, size) = try blob.beginCommit()
        let packages = packagesDirectory
        let source = blob.path
        do {
            try await io.run { () throws(BlobStoreError) in
                let directory = try POSIXFiles.makeDirectories(in: packages, components.dropLast())
                let target = directory + "/" + (components.last ?? "")
                if try POSIXFiles.linkExclusive(source, to: target) {
                    try POSIXFiles.syncDirectory(directory)
                } else {
                    guard try Self.sameBytes(source, target, size: size) else { throw .keyHoldsOtherContent }
                }
                try POSIXFiles.remove(source)
            }
        } catch {
            blob.endCommit(committed: false)
            throw error
        }
        blob.endCommit(committed: true)
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
