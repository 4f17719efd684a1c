import IndexCore
import PythonPackaging
import Synchronization

/// An upload being streamed to a file in the store's staging directory, hashed as it goes.
///
/// Writes are buffered to ``flushThreshold`` bytes before one `write(2)`, so that a stream of
/// small chunks costs few system calls. One task writes at a time: a write that arrives while
/// another is flushing is refused rather than reordered. Any failure removes the file.
final class FileSystemStagedBlob: StagedBlob {
    /// The bytes buffered before they are written to the file.
    static let flushThreshold = 1 << 20

    /// The file's name in the staging directory.
    let name: String
    /// The file's absolute path.
    let path: String
    /// The registry of the store that staged this blob.
    let registry: StagingRegistry
    private let io: BlockingIO
    private let state: Mutex<State>

    init(name: String, path: String, file: FileDescriptor, registry: StagingRegistry, io: BlockingIO) {
        self.name = name
        self.path = path
        self.registry = registry
        self.io = io
        state = Mutex(State(file: file))
    }

    var byteCount: Int {
        state.withLock { $0.byteCount }
    }

    func write(_ bytes: [UInt8]) async throws(BlobStoreError) {
        let pending = try state.withLock { (state) throws(BlobStoreError) -> Pending? in
            try state.append(bytes, flushingAt: Self.flushThreshold)
        }
        guard let pending else { return }
        try await perform { () throws(BlobStoreError) in try POSIXFiles.writeAll(pending.file, pending.bytes) }
        state.withLock { $0.endFlush() }
    }

    func finish() async throws(BlobStoreError) -> DistributionDigests {
        let step = try state.withLock { (state) throws(BlobStoreError) -> FinishStep in try state.beginFinish() }
        switch step {
        case .done(let digests):
            return digests
        case .flush(let pending, let digests):
            try await perform { () throws(BlobStoreError) in
                try POSIXFiles.writeAll(pending.file, pending.bytes)
                try POSIXFiles.sync(pending.file)
            }
            try state.withLock { (state) throws(BlobStoreError) in try state.endFinish(digests) }
            return digests
        }
    }

    func archiveSource() throws(BlobStoreError) -> any ArchiveSource {
        let count = try state.withLock { (state) throws(BlobStoreError) -> Int in
            guard case .finished = state.phase else { throw .stagedBlobUnusable(state.phase.name) }
            return state.byteCount
        }
        guard let file = try POSIXFiles.openForReading(path) else { throw .stagedBlobUnusable("gone") }
        return FileArchiveSource(file: file, count: count)
    }

    func discard() async {
        let owned = state.withLock { $0.close(as: .discarded) }
        guard owned else { return }
        _ = try? await io.run { () throws(BlobStoreError) in try POSIXFiles.remove(self.path) }
        registry.release(name)
    }

    /// Marks the blob as being committed; returns its digests and size.
    func beginCommit() throws(BlobStoreError) -> (digests: DistributionDigests, size: Int) {
        try state.withLock { (state) throws(BlobStoreError) in
            guard case .finished(let digests) = state.phase else { throw .stagedBlobUnusable(state.phase.name) }
            state.phase = .committing(digests)
            return (digests, state.byteCount)
        }
    }

    /// Ends a commit: `committed` when the staged name is gone, else the blob stays finished.
    func endCommit(committed: Bool) {
        state.withLock { state in
            guard case .committing(let digests) = state.phase else { return }
            state.phase = committed ? .committed : .finished(digests)
        }
        if committed { registry.release(name) }
    }

    /// Runs `body` on the I/O queue; on failure the blob is closed and its file removed.
    private func perform(_ body: @escaping @Sendable () throws(BlobStoreError) -> Void) async throws(BlobStoreError) {
        do {
            try await io.run(body)
        } catch {
            let owned = state.withLock { $0.close(as: .failed(error)) }
            if owned {
                _ = try? await io.run { () throws(BlobStoreError) in try POSIXFiles.remove(self.path) }
                registry.release(name)
            }
            throw error
        }
    }
}
