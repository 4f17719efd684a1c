import IndexCore
import PythonPackaging
import Synchronization

/// A ``BlobStore`` in memory, for tests.
public final class InMemoryBlobStore: BlobStore {
    private let blobs = Mutex([String: [UInt8]]())
    private let staged = Mutex(Set<ObjectIdentifier>())
    private let room = Mutex(Int.max)

    /// An empty store, with room for anything.
    public init() {}

    /// How many bytes a staged blob may hold before its writes fail with
    /// ``BlobStoreError/storageFull``, as on a full disk (unbounded by default).
    public var capacity: Int {
        get { room.withLock { $0 } }
        set { room.withLock { $0 = newValue } }
    }

    public func stage() async throws -> any StagedBlob {
        let blob = InMemoryStagedBlob(owner: self)
        _ = staged.withLock { $0.insert(ObjectIdentifier(blob)) }
        return blob
    }

    /// Stages `bytes` and finishes the blob, as the HTTP layer hands an upload over.
    public func staged(_ bytes: [UInt8]) async throws -> (blob: any StagedBlob, digests: DistributionDigests) {
        let blob = try await stage()
        try await blob.write(bytes)
        return (blob, try await blob.finish())
    }

    public func commit(_ staged: any StagedBlob, as key: BlobKey) async throws {
        guard let blob = staged as? InMemoryStagedBlob else { throw BlobStoreError("Not staged here.") }
        let bytes = blob.contents
        try blobs.withLock { (blobs) throws(BlobStoreError) in
            if let existing = blobs[key.path] {
                guard existing == bytes else { throw .keyHoldsOtherContent }
                return
            }
            blobs[key.path] = bytes
        }
        // A commit consumes the staged blob, as the real stores' commits do.
        discarded(blob)
    }

    public func size(of key: BlobKey) async throws -> Int? {
        blobs.withLock { $0[key.path]?.count }
    }

    /// The largest chunk a read yields, as the port requires.
    static let readChunk = 128 * 1024

    public func read(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let bytes = blobs.withLock { $0[key.path] }
        return AsyncThrowingStream { continuation in
            if let bytes {
                let range = (range ?? 0..<bytes.count).clamped(to: 0..<bytes.count)
                for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.readChunk) {
                    continuation.yield(Array(bytes[start..<min(start + Self.readChunk, range.upperBound)]))
                }
                continuation.finish()
            } else {
                continuation.finish(throwing: BlobStoreError("No blob at \(key)."))
            }
        }
    }

    public func delete(_ key: BlobKey) async throws {
        _ = blobs.withLock { $0.removeValue(forKey: key.path) }
    }

    public func sweepStaged() async throws -> Int {
        staged.withLock { set in
            defer { set.removeAll() }
            return set.count
        }
    }

    /// The committed blob at `path`.
    public func blob(at path: String) -> [UInt8]? {
        blobs.withLock { $0[path] }
    }

    /// The paths of every committed blob, sorted.
    public var paths: [String] {
        blobs.withLock { $0.keys.sorted() }
    }

    /// How many staged blobs are neither discarded nor swept.
    public var stagedCount: Int {
        staged.withLock { $0.count }
    }

    func discarded(_ blob: InMemoryStagedBlob) {
        _ = staged.withLock { $0.remove(ObjectIdentifier(blob)) }
    }
}
