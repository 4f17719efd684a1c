import IndexCore
import PythonPackaging
import Synchronization

/// A staged blob of an ``InMemoryBlobStore``.
final class InMemoryStagedBlob: StagedBlob {
    private struct State {
        var bytes: [UInt8] = []
        var hasher = DistributionHasher()
        var finished = false
    }

    private let state = Mutex(State())
    private weak let owner: InMemoryBlobStore?

    init(owner: InMemoryBlobStore) {
        self.owner = owner
    }

    var contents: [UInt8] { state.withLock { $0.bytes } }

    var byteCount: Int { state.withLock { $0.bytes.count } }

    func write(_ bytes: [UInt8]) async throws {
        let capacity = owner?.capacity ?? .max
        try state.withLock { (state) throws(BlobStoreError) in
            guard !state.finished else { throw BlobStoreError("The blob is finished.") }
            guard state.bytes.count + bytes.count <= capacity else { throw .storageFull }
            state.bytes += bytes
            state.hasher.update(bytes)
        }
    }

    func finish() async throws -> DistributionDigests {
        state.withLock { state in
            state.finished = true
            return state.hasher.finalize()
        }
    }

    func archiveSource() throws -> any ArchiveSource {
        InMemoryArchiveSource(contents)
    }

    func discard() async {
        owner?.discarded(self)
    }
}
