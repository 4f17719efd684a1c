import PythonPackaging

/// What the HTTP layer hands to ``UploadDistribution``: the form's text fields, the file
/// (already streamed into a staged blob and hashed), and who is uploading.
public struct UploadRequest: Sendable {
    /// The text fields of the multipart form, each with all its values in order.
    public var form: [String: [String]]
    /// The `content` part, or `nil` when the form had none.
    public var content: UploadContent?
    /// The authenticated uploader, or `nil` when nobody authenticated.
    public var identity: UploadIdentity?

    /// Creates a request.
    public init(form: [String: [String]], content: UploadContent?, identity: UploadIdentity?) {
        self.form = form
        self.content = content
        self.identity = identity
    }
}

/// The `content` part of an upload.
public struct UploadContent: Sendable {
    /// The part's filename, as sent.
    public var filename: String
    /// The part's `Content-Type`, if any.
    public var contentType: String?
    /// The staged bytes, finished. When the HTTP layer stopped streaming at the size limit,
    /// its ``StagedBlob/byteCount`` is above the limit and the upload is refused as too large.
    public var blob: any StagedBlob
    /// The digests ``StagedBlob/finish()`` returned.
    public var digests: DistributionDigests

    /// Creates the content.
    public init(filename: String, contentType: String?, blob: any StagedBlob, digests: DistributionDigests) {
        self.filename = filename
        self.contentType = contentType
        self.blob = blob
        self.digests = digests
    }
}

/// Who uploads: a user, through a token that may be limited to some projects.
public struct UploadIdentity: Hashable, Sendable {
    /// The user.
    public var user: User
    /// Normalized names of the projects the token may touch; empty means any of the user's
    /// projects and new ones.
    public var projectScope: [String]

    /// Creates an identity.
    public init(user: User, projectScope: [String] = []) {
        self.user = user
        self.projectScope = projectScope
    }
}

/// Size limits of uploads (Warehouse's `MAX_FILESIZE`, `MAX_PROJECT_SIZE`).
public struct UploadLimits: Hashable, Sendable {
    /// The largest file, in bytes (100 MiB).
    public var fileSize: Int
    /// The largest total of a project's files, in bytes (10 GiB).
    public var projectSize: Int
    /// The most bytes a `.tar.gz` sdist may decompress to (1 GiB; a gzip bomb is refused there).
    public var sdistDecompressedBytes: Int

    /// Creates limits.
    public init(fileSize: Int = 100 << 20, projectSize: Int = 10 << 30, sdistDecompressedBytes: Int = 1 << 30) {
        self.fileSize = fileSize
        self.projectSize = projectSize
        self.sdistDecompressedBytes = sdistDecompressedBytes
    }
}

/// A successful upload.
public struct UploadResult: Hashable, Sendable {
    /// The warnings for the 200 body (newline-joined there).
    public var warnings: [String]
    /// The stored file, or `nil` when the upload was an identical re-upload (a no-op).
    public var file: DistributionFile?
}
