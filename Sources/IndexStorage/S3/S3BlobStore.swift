import AsyncHTTPClient
import IndexCore
import PythonPackaging

/// Blobs in an S3 bucket (DESIGN.md §3, issue 6: scale-out), so that several servers share
/// one store: object `packages/<key path>`, its SHA-256 in the `x-amz-meta-sha256` metadata.
///
/// Uploads are staged to local files exactly as by ``FileSystemBlobStore`` (same staged blob,
/// same sweep), then committed by one `PUT` (up to the part size) or a multipart upload, sent
/// with `If-None-Match: *` so that an object is never replaced. A key that already holds an
/// object of the same size and SHA-256 makes a commit a no-op; other content is refused.
public final class S3BlobStore: BlobStore {
    /// The S3 client.
    public let client: S3Client
    let staging: StagingArea
    let clock: any IndexClock

    /// The prefix of every object key.
    static let keyPrefix = "packages/"
    /// The largest chunk a read yields.
    static let readChunk = 128 * 1024
    /// How old a multipart upload must be for ``sweepStaged()`` to abort it, in seconds.
    static let staleUploadAge = 3600.0

    /// A store in `configuration`'s bucket over `httpClient` (the caller's, shut down by the
    /// caller), staging uploads in `stagingDirectory` (created when missing). `clock` signs
    /// requests and ages multipart uploads; the wall clock when `nil`.
    public init(
        configuration: S3Configuration, httpClient: HTTPClient, stagingDirectory: String,
        clock: (any IndexClock)? = nil
    ) throws {
        let clock = clock ?? SystemRealtimeClock()
        client = try S3Client(configuration: configuration, httpClient: httpClient, clock: clock)
        staging = StagingArea(
            directory: try StagingArea.prepareDirectory(stagingDirectory), registry: StagingRegistry(),
            io: BlockingIO(label: "cheeseshop.s3-blob-store"))
        self.clock = clock
    }

    public func stage() async throws(BlobStoreError) -> any StagedBlob {
        try await staging.stage()
    }

    public func size(of key: BlobKey) async throws -> Int? {
        try await client.headObject(try Self.objectKey(key))?.size
    }

    public func delete(_ key: BlobKey) async throws {
        try await client.deleteObject(try Self.objectKey(key))
    }

    /// Readiness: the bucket answers with these credentials, and the local staging directory
    /// takes a file.
    public func checkWritable() async throws {
        try await client.checkBucket()
        let probe = try await stage()
        await probe.discard()
    }

    /// Removes the staged files no live upload owns, and aborts the multipart uploads under
    /// `packages/` started more than an hour ago (left by a crash mid-commit); returns how many
    /// of both.
    public func sweepStaged() async throws -> Int {
        let cutoff = Timestamp(secondsSinceEpoch: clock.now().secondsSinceEpoch - Self.staleUploadAge)
        return try await sweepStaged(abortingUploadsStartedBefore: cutoff)
    }

    /// Removes unowned staged files and aborts the multipart uploads under `packages/` started
    /// before `cutoff`.
    func sweepStaged(abortingUploadsStartedBefore cutoff: Timestamp) async throws -> Int {
        let removed = try await staging.sweep()
        var aborted = 0
        for upload in try await client.listMultipartUploads(prefix: Self.keyPrefix) {
            guard let initiated = upload.initiated, initiated < cutoff else { continue }
            try await client.abortMultipartUpload(upload.key, uploadID: upload.uploadID)
            aborted += 1
        }
        return removed + aborted
    }

    /// A URL that downloads `key` with a plain `GET` for `expires` seconds from `now`, for
    /// redirecting downloads to the bucket.
    public func presignedURL(for key: BlobKey, expires: Int, now: Timestamp) throws(BlobStoreError) -> String {
        client.presignedURL(for: try Self.objectKey(key), expires: expires, now: now)
    }

    /// The object key of `key`: `packages/<path>`, after the same checks as a file path, so
    /// that no key can name an object outside `packages/`.
    static func objectKey(_ key: BlobKey) throws(BlobStoreError) -> String {
        keyPrefix + (try key.safeComponents()).joined(separator: "/")
    }
}

extension S3BlobStore: DownloadRedirecting {
    /// How long a redirected download's URL works, in seconds.
    static let downloadURLLifetime = 3600

    public func downloadURL(for key: BlobKey, now: Timestamp) throws -> String {
        try presignedURL(for: key, expires: Self.downloadURLLifetime, now: now)
    }
}
