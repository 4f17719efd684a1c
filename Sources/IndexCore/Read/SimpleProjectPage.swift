import PythonPackaging

/// A project's page of the simple repository API, `GET /simple/<name>/` (PEP 503, PEP 691,
/// PEP 592 yanking, PEP 658/714 metadata, PEP 700 sizes and times, PEP 792 status): one model,
/// rendered by ``json()`` and ``html()`` (reference b.2).
public struct SimpleProjectPage: Hashable, Sendable {
    /// One distribution file as the page lists it.
    public struct File: Hashable, Sendable {
        /// The filename, e.g. `demo-1.0-py3-none-any.whl`.
        public var filename: String
        /// The absolute URL of the file.
        public var url: String
        /// The SHA-256 digest, lowercase hex.
        public var sha256: String
        /// The release's `Requires-Python`, if any.
        public var requiresPython: String?
        /// The size in bytes (unknown only for a file proxied from an upstream that did not say).
        public var size: Int?
        /// The upload time (PEP 700; unknown only for a proxied file whose upstream did not say).
        public var uploadTime: Timestamp?
        /// Whether the release is yanked, and why (PEP 592).
        public var yanked: Yank
        /// The SHA-256 of the PEP 658 metadata file, when one is served.
        public var coreMetadataSHA256: String?

        /// Creates a file entry.
        public init(
            filename: String, url: String, sha256: String, requiresPython: String?, size: Int?,
            uploadTime: Timestamp?, yanked: Yank, coreMetadataSHA256: String?
        ) {
            self.filename = filename
            self.url = url
            self.sha256 = sha256
            self.requiresPython = requiresPython
            self.size = size
            self.uploadTime = uploadTime
            self.yanked = yanked
            self.coreMetadataSHA256 = coreMetadataSHA256
        }
    }

    /// A file's yank state (PEP 592).
    public enum Yank: Hashable, Sendable {
        /// Not yanked.
        case no
        /// Yanked without a reason.
        case yanked
        /// Yanked with this reason.
        case reason(String)

        init(_ release: Release) {
            if !release.yanked {
                self = .no
            } else if release.yankedReason.isEmpty {
                self = .yanked
            } else {
                self = .reason(release.yankedReason)
            }
        }
    }

    /// The PEP 503 normalized name.
    public var name: String
    /// The project's status (PEP 792); never quarantined (such a page does not exist).
    public var status: ProjectStatus
    /// Why the project has its status, when a reason was given.
    public var statusReason: String?
    /// Every release version, ordered as Warehouse orders them (``PythonPackaging/ReleaseVersion``).
    public var versions: [String]
    /// The files, ordered by (release version, filename).
    public var files: [File]
    /// The project's last serial (`_last-serial`, `X-PyPI-Last-Serial`).
    public var lastSerial: Int64

    /// A page made of its parts (a page proxied from an upstream index).
    public init(
        name: String, status: ProjectStatus, statusReason: String?, versions: [String], files: [File],
        lastSerial: Int64
    ) {
        self.name = name
        self.status = status
        self.statusReason = statusReason
        self.versions = versions
        self.files = files
        self.lastSerial = lastSerial
    }

    /// The page of `detail`, with file URLs under `urls`; `nil` for a quarantined project,
    /// which the index hides.
    public init?(_ detail: ProjectDetail, urls: IndexURLs, statusReason: String? = nil) {
        let project = detail.project
        guard project.status != .quarantined else { return nil }
        name = project.normalizedName
        status = project.status
        self.statusReason = statusReason
        lastSerial = project.lastSerial
        let order = ReleaseOrder(detail.releases)
        versions = order.sorted.map(\.version)
        files = detail.files.compactMap { file -> (rank: Int, file: File)? in
            guard let rank = order.rank[file.releaseID], let release = order.release[file.releaseID] else {
                return nil
            }
            let upload = file.upload
            return (
                rank,
                File(
                    filename: upload.filename, url: urls.file(blobPath: upload.blobPath),
                    sha256: upload.digests.sha256,
                    requiresPython: upload.requiresPython.flatMap { $0.isEmpty ? nil : $0 }, size: upload.size,
                    uploadTime: upload.uploadTime, yanked: Yank(release),
                    coreMetadataSHA256: upload.metadataDigests?.sha256)
            )
        }
        .sorted { ($0.rank, $0.file.filename) < ($1.rank, $1.file.filename) }
        .map(\.file)
    }
}

/// Releases in Warehouse's `_pypi_ordering`: by ``PythonPackaging/ReleaseVersion``, ties (equal
/// legacy keys) by id.
struct ReleaseOrder: Sendable {
    /// The releases, lowest version first.
    let sorted: [Release]
    /// Each release's position in ``sorted``.
    let rank: [ReleaseID: Int]
    /// The releases by id.
    let release: [ReleaseID: Release]

    init(_ releases: [Release]) {
        let keyed = releases.map { (key: ReleaseVersion($0.version), release: $0) }
        sorted = keyed.sorted { lhs, rhs in
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.release.id < rhs.release.id
        }
        .map(\.release)
        rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element.id, $0.offset) })
        release = Dictionary(uniqueKeysWithValues: releases.map { ($0.id, $0) })
    }
}
