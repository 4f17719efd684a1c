/// The index's database: projects, releases, files, users, tokens, roles and the journal
/// (DESIGN.md §4).
///
/// Reads are plain calls. Every change runs in ``write(_:)``, one transaction that commits
/// all its operations or none. The store enforces uniqueness itself (normalized project
/// name, release version per project, filename, every digest and blob path, one sdist per
/// release, the filename registry) and reports a violation as ``IndexStoreError/conflict(_:)``,
/// so a use case that lost a race gives the same answer as its pre-check (reference §3
/// "Concurrency").
public protocol IndexStore:
    AccountReads, OrganizationReads, ModerationReads, ProjectSearch, DownloadStatisticsStore, JobQueue,
    WebhookStore
{
    /// The database connections in use now (reads and writes running), for metrics; `nil` when
    /// the store has no connections.
    func connectionsInUse() -> Int?

    /// The project whose PEP 503 normalized name is `normalizedName`.
    func project(normalizedName: String) async throws -> Project?

    /// The project a release belongs to (for a file's project status).
    func project(ofRelease releaseID: ReleaseID) async throws -> Project?

    /// A project whose name ultranormalizes (``PythonPackaging/ProjectName/ultranormalized``)
    /// to `ultranormalizedName`, for Warehouse's "too similar" check.
    func project(ultranormalizedName: String) async throws -> Project?

    /// Every project, ordered by normalized name (for `/simple/`).
    func projects() async throws -> [Project]

    /// A project with all its releases (ordered by id) and their files (ordered by id).
    func projectDetail(normalizedName: String) async throws -> ProjectDetail?

    /// ``projectDetail(normalizedName:)`` of many projects in one read, in the order of
    /// `normalizedNames`, leaving out unknown names (for work over the whole index, such as the
    /// metadata snapshot; callers keep batches to a few hundred names).
    func projectDetails(normalizedNames: [String]) async throws -> [ProjectDetail]

    /// The file stored at `blobPath` (``BlobKey/path``).
    func file(blobPath: String) async throws -> DistributionFile?

    /// The live file named `filename`.
    func file(filename: String) async throws -> DistributionFile?

    /// The live file whose BLAKE2b-256 digest is `blake2b256`.
    func file(blake2b256: String) async throws -> DistributionFile?

    /// The user whose username is `username`.
    func user(username: String) async throws -> User?

    /// The user with id `id`.
    func user(id: UserID) async throws -> User?

    /// The token with id `id`.
    func token(id: TokenID) async throws -> APIToken?

    /// The roles on a project, ordered by user id.
    func roles(projectID: ProjectID) async throws -> [Role]

    /// The highest serial in the journal, 0 when it is empty.
    func maxSerial() async throws -> Int64

    /// The value of the deployment setting `name` (shared by every node), if set.
    func setting(_ name: String) async throws -> String?

    /// The journal entries with serial greater than `serial`, oldest first, at most `limit`.
    func journal(after serial: Int64, limit: Int) async throws -> [JournalEntry]

    /// Whether a file named `filename` was ever added (the filename registry, never emptied).
    func filenameWasUsed(_ filename: String) async throws -> Bool

    /// The total size in bytes of the project's live files.
    func totalSize(projectID: ProjectID) async throws -> Int

    /// Runs `body` in one transaction: when it returns, everything it did is committed; when
    /// it throws, nothing is, and the error is rethrown.
    func write<T: Sendable>(_ body: (any IndexWriteTransaction) async throws -> T) async throws -> T
}

/// A project with its releases and their files, as the read models need it.
public struct ProjectDetail: Hashable, Sendable {
    /// The project.
    public var project: Project
    /// Its releases, ordered by id.
    public var releases: [Release]
    /// The files of all its releases, ordered by id.
    public var files: [DistributionFile]

    /// Creates a detail.
    public init(project: Project, releases: [Release], files: [DistributionFile]) {
        self.project = project
        self.releases = releases
        self.files = files
    }
}

extension IndexStore {
    /// One ``projectDetail(normalizedName:)`` after another (stores without a bulk read).
    public func projectDetails(normalizedNames: [String]) async throws -> [ProjectDetail] {
        var details: [ProjectDetail] = []
        for name in normalizedNames {
            if let detail = try await projectDetail(normalizedName: name) { details.append(detail) }
        }
        return details
    }
}

extension IndexStore {
    public func connectionsInUse() -> Int? { nil }
}
