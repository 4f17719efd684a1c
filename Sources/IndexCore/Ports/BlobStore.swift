import PythonPackaging

/// Where distribution files live: content-addressed, written once, never overwritten, read
/// without touching the database (DESIGN.md §2-3).
///
/// An upload is first *staged* (streamed to a temporary file on the store's own file system,
/// hashed as it streams), then validated, then *committed* under its content-addressed key
/// before the database transaction that makes it visible. A blob is never deleted while a row
/// points to it; staged blobs left by a crash are swept.
public protocol BlobStore: Sendable {
    /// Starts a new staged blob.
    func stage() async throws -> any StagedBlob

    /// Makes `staged` durable under `key` (fsync, rename, fsync of the directory for a local
    /// store). When `key` already holds the same bytes this is a no-op; when it holds other
    /// bytes, ``BlobStoreError/keyHoldsOtherContent`` is thrown and nothing changes.
    func commit(_ staged: any StagedBlob, as key: BlobKey) async throws

    /// Commits each of `blobs` as ``commit(_:as:)`` does, in order; a store may make them
    /// durable together (one flush of a directory they share). When one fails, its error is
    /// thrown; blobs stored before it are left unreferenced.
    func commit(_ blobs: [(any StagedBlob, BlobKey)]) async throws

    /// The size in bytes of the blob at `key`, or `nil` when there is none.
    func size(of key: BlobKey) async throws -> Int?

    /// The bytes of the blob at `key` (all of them, or `range`), in chunks of at most 128 KiB.
    func read(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<[UInt8], any Error>

    /// Removes the blob at `key`; removing a missing blob is not an error.
    func delete(_ key: BlobKey) async throws

    /// Removes staged blobs that no running upload owns (left by a crash or a kill); returns how
    /// many were removed. Run at startup.
    func sweepStaged() async throws -> Int

    /// Throws unless an upload could be stored now (readiness): by default, a one-byte blob is
    /// staged and discarded.
    func checkWritable() async throws
}

/// A blob store whose blobs clients can fetch directly (an S3 bucket): file downloads may be
/// redirected there instead of passing through the server.
public protocol DownloadRedirecting: Sendable {
    /// A URL that fetches the blob at `key` with a plain `GET` for a while after `now`.
    func downloadURL(for key: BlobKey, now: Timestamp) throws -> String
}

/// A blob store whose blobs are files on this machine: the server sends them to clients
/// straight from the file (`sendfile(2)`) instead of reading them (DESIGN.md §2).
public protocol LocalBlobFiles: Sendable {
    /// The absolute path of the file that holds the blob at `key` (which may not exist), or
    /// `nil` when `key` is not a safe path.
    func localPath(of key: BlobKey) -> String?
}

/// An upload in progress: a temporary file that hashes what is written to it.
public protocol StagedBlob: AnyObject, Sendable {
    /// The number of bytes written so far.
    var byteCount: Int { get }

    /// Appends `bytes`, updating md5, sha256 and blake2b-256.
    func write(_ bytes: [UInt8]) async throws

    /// Flushes the file to stable storage and returns its digests; no more writes follow.
    func finish() async throws -> DistributionDigests

    /// Random access to the staged bytes, for archive validation (after ``finish()``).
    func archiveSource() throws -> any ArchiveSource

    /// Removes the staged file; safe to call more than once, and after a commit.
    func discard() async
}

/// The content-addressed location of a file: `b2[0:2]/b2[2:4]/b2[4:]/filename`, as PyPI lays out
/// `/packages/...` (the BLAKE2b-256 digest in hex).
public struct BlobKey: Hashable, Sendable, CustomStringConvertible {
    /// The path below the store's root, e.g. `4e/2b/c9.../demo-1.0.tar.gz`.
    public let path: String

    /// The key of `filename` whose BLAKE2b-256 digest is `blake2b256` (64 lowercase hex digits).
    public init(blake2b256: String, filename: String) {
        let hex = Array(blake2b256)
        path = "\(String(hex[0..<2]))/\(String(hex[2..<4]))/\(String(hex[4...]))/\(filename)"
    }

    /// The key for the PEP 658 metadata file served beside `self`.
    public var metadataKey: BlobKey { BlobKey(path: path + ".metadata") }

    init(path: String) {
        self.path = path
    }

    public var description: String { path }
}

/// Why a blob store refused an operation.
public struct BlobStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// A commit found other bytes already stored under the key.
    public static let keyHoldsOtherContent = BlobStoreError("The key already holds other content.")

    /// The store ran out of space.
    public static let storageFull = BlobStoreError("The storage is full.")

    public var description: String { message }
}

extension BlobStore {
    public func commit(_ blobs: [(any StagedBlob, BlobKey)]) async throws {
        for (staged, key) in blobs { try await commit(staged, as: key) }
    }

    public func checkWritable() async throws {
        let probe = try await stage()
        do {
            try await probe.write([0])
        } catch {
            await probe.discard()
            throw error
        }
        await probe.discard()
    }
}
