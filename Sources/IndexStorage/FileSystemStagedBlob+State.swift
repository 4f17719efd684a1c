import IndexCore
import PythonPackaging

extension FileSystemStagedBlob {
    /// Where a staged blob is in its life.
    enum Phase {
        case writing, flushing
        case finished(DistributionDigests)
        case committing(DistributionDigests)
        case committed, discarded
        case failed(BlobStoreError)

        /// The phase in words, for error messages.
        var name: String {
            switch self {
            case .writing: "being written"
            case .flushing: "being written by another task"
            case .finished: "finished"
            case .committing: "being committed"
            case .committed: "committed"
            case .discarded: "discarded"
            case .failed(let error): "failed (\(error.message))"
            }
        }
    }

    /// Bytes taken out of the buffer, to be written to `file` outside the lock.
    struct Pending: Sendable {
        let file: FileDescriptor
        let bytes: [UInt8]
    }

    /// What ``finish()`` has left to do.
    enum FinishStep {
        case done(DistributionDigests)
        case flush(Pending, DistributionDigests)
    }

    /// The mutable part of a staged blob, kept behind its mutex.
    struct State {
        var file: FileDescriptor?
        var buffer: [UInt8] = []
        var hasher = DistributionHasher()
        var byteCount = 0
        var phase = Phase.writing

        init(file: FileDescriptor) {
            self.file = file
        }

        /// Hashes and buffers `bytes`; returns the buffer to write once it reaches `threshold`.
        mutating func append(_ bytes: [UInt8], flushingAt threshold: Int) throws(BlobStoreError) -> Pending? {
            guard case .writing = phase, let file else { throw .stagedBlobUnusable(phase.name) }
            hasher.update(bytes)
            byteCount += bytes.count
            if buffer.isEmpty && bytes.count >= threshold {
                phase = .flushing
                return Pending(file: file, bytes: bytes)
            }
            if buffer.isEmpty { buffer.reserveCapacity(threshold) }
            buffer.append(contentsOf: bytes)
            guard buffer.count >= threshold else { return nil }
            phase = .flushing
            return Pending(file: file, bytes: takeBuffer())
        }

        /// Returns to writing after a flush, unless the blob was closed meanwhile.
        mutating func endFlush() {
            if case .flushing = phase { phase = .writing }
        }

        /// Starts finishing: the rest of the buffer and the digests, or the digests alone when
        /// the blob is already finished.
        mutating func beginFinish() throws(BlobStoreError) -> FinishStep {
            switch phase {
            case .finished(let digests):
                return .done(digests)
            case .writing:
                guard let file else { throw .stagedBlobUnusable(phase.name) }
                phase = .flushing
                return .flush(Pending(file: file, bytes: takeBuffer()), hasher.finalize())
            default:
                throw .stagedBlobUnusable(phase.name)
            }
        }

        /// Records the digests once the file is durable, and closes the write descriptor.
        mutating func endFinish(_ digests: DistributionDigests) throws(BlobStoreError) {
            guard case .flushing = phase else { throw .stagedBlobUnusable(phase.name) }
            phase = .finished(digests)
            file = nil
        }

        /// Closes the blob as `final`; returns whether its file was still owned (not committed,
        /// discarded, or removed after a failure).
        mutating func close(as final: Phase) -> Bool {
            switch phase {
            case .committed, .discarded, .failed:
                if case .discarded = final, case .failed = phase { phase = .discarded }
                return false
            default:
                phase = final
                file = nil
                buffer = []
                return true
            }
        }

        private mutating func takeBuffer() -> [UInt8] {
            let taken = buffer
            buffer = []
            return taken
        }
    }
}
