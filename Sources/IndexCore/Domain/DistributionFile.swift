import PythonPackaging

/// A distribution file of a release: an sdist or a wheel, stored content-addressed.
public struct DistributionFile: Hashable, Sendable {
    /// The store's id.
    public var id: FileID
    /// The release it belongs to.
    public var releaseID: ReleaseID
    /// The fields given at upload.
    public var upload: FileUpload

    /// Creates a file record.
    public init(id: FileID, releaseID: ReleaseID, upload: FileUpload) {
        self.id = id
        self.releaseID = releaseID
        self.upload = upload
    }

    /// The filename, e.g. `demo-1.0-py3-none-any.whl`; unique, and never reused.
    public var filename: String { upload.filename }
}

/// What an upload records about a file; the store adds the id and the release.
public struct FileUpload: Hashable, Sendable {
    /// The filename, e.g. `demo-1.0-py3-none-any.whl`.
    public var filename: String
    /// `sdist` or `bdist_wheel`.
    public var packageType: UploadFiletype
    /// The form's `pyversion`: `source` for sdists, e.g. `py3` for wheels.
    public var pythonVersion: String
    /// The release's `Requires-Python` at upload, served per file by the simple API.
    public var requiresPython: String?
    /// The size in bytes.
    public var size: Int
    /// MD5, SHA-256 and BLAKE2b-256 of the file, lowercase hex; each unique in the store.
    public var digests: DistributionDigests
    /// The blob store path (``BlobKey/path``); unique in the store.
    public var blobPath: String
    /// The digests of the PEP 658 `.metadata` file, when one is stored.
    public var metadataDigests: MetadataFileDigests?
    /// When it was uploaded.
    public var uploadTime: Timestamp
    /// Who uploaded it.
    public var uploader: UserID?

    /// Creates the record of an upload.
    public init(
        filename: String, packageType: UploadFiletype, pythonVersion: String, requiresPython: String?,
        size: Int, digests: DistributionDigests, blobPath: String, metadataDigests: MetadataFileDigests?,
        uploadTime: Timestamp, uploader: UserID?
    ) {
        self.filename = filename
        self.packageType = packageType
        self.pythonVersion = pythonVersion
        self.requiresPython = requiresPython
        self.size = size
        self.digests = digests
        self.blobPath = blobPath
        self.metadataDigests = metadataDigests
        self.uploadTime = uploadTime
        self.uploader = uploader
    }
}

/// The digests of a PEP 658 metadata file (`<file>.metadata`), lowercase hex.
public struct MetadataFileDigests: Hashable, Sendable {
    /// SHA-256, served as `core-metadata: {"sha256": ...}`.
    public var sha256: String
    /// BLAKE2b-256.
    public var blake2b256: String

    /// Creates the digests.
    public init(sha256: String, blake2b256: String) {
        self.sha256 = sha256
        self.blake2b256 = blake2b256
    }
}
