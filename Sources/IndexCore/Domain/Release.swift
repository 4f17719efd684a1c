/// A version of a project, created by the upload of its first file.
public struct Release: Hashable, Sendable {
    /// The store's id.
    public var id: ReleaseID
    /// The project it belongs to.
    public var projectID: ProjectID
    /// The version as uploaded (the metadata's `Version`), e.g. `1.0.0`.
    public var version: String
    /// `canonicalize_version` of ``version`` (`Version.canonicalize`); unique per project.
    public var canonicalVersion: String
    /// Whether the release is yanked (PEP 592).
    public var yanked: Bool
    /// Why it was yanked; empty when no reason was given.
    public var yankedReason: String
    /// The core metadata fields kept for the JSON API.
    public var metadata: ReleaseMetadata
    /// When the release was created.
    public var created: Timestamp
    /// Who uploaded its first file.
    public var uploader: UserID?

    /// Creates a release record.
    public init(
        id: ReleaseID, projectID: ProjectID, version: String, canonicalVersion: String,
        yanked: Bool = false, yankedReason: String = "", metadata: ReleaseMetadata,
        created: Timestamp, uploader: UserID?
    ) {
        self.id = id
        self.projectID = projectID
        self.version = version
        self.canonicalVersion = canonicalVersion
        self.yanked = yanked
        self.yankedReason = yankedReason
        self.metadata = metadata
        self.created = created
        self.uploader = uploader
    }
}
