/// The operations of one ``IndexStore/write(_:)`` transaction. Each sees what earlier ones did
/// in the same transaction. Violations throw ``IndexStoreError/conflict(_:)``; an operation on a
/// missing row throws ``IndexStoreError/notFound(_:)``.
public protocol IndexWriteTransaction: AccountWrites, OrganizationWrites, ModerationWrites {
    /// The project whose normalized name is `normalizedName`, as this transaction sees it.
    func project(normalizedName: String) async throws -> Project?

    /// The release of `projectID` whose canonical version is `canonicalVersion`.
    func release(projectID: ProjectID, canonicalVersion: String) async throws -> Release?

    /// Creates an active project with serial 0. Conflict: ``IndexStoreConflict/projectName(_:)``.
    func createProject(name: String, normalizedName: String, created: Timestamp) async throws -> Project

    /// Sets a project's status.
    func setStatus(_ status: ProjectStatus, projectID: ProjectID) async throws

    /// Creates a user. Conflict: ``IndexStoreConflict/username(_:)``.
    func createUser(username: String, email: String, passwordHash: String, created: Timestamp) async throws -> User

    /// Stores a token. Conflict: ``IndexStoreConflict/token(_:)``.
    func createToken(_ token: APIToken) async throws

    /// Records that a token was used at `time`.
    func recordTokenUse(id: TokenID, at time: Timestamp) async throws

    /// Deletes a token (revocation); deleting a missing token is not an error.
    func deleteToken(id: TokenID) async throws

    /// Gives a user a role on a project. Conflict: ``IndexStoreConflict/role``.
    func addRole(_ role: Role) async throws

    /// Creates a release. Conflict: ``IndexStoreConflict/release(_:)`` (same canonical version).
    func createRelease(
        projectID: ProjectID, version: String, canonicalVersion: String, metadata: ReleaseMetadata,
        created: Timestamp, uploader: UserID?
    ) async throws -> Release

    /// Adds a file to a release and registers its filename forever. Conflicts, checked in this
    /// order: ``IndexStoreConflict/filename(_:)`` (a live file has the name),
    /// ``IndexStoreConflict/filenameRegistered(_:)`` (a deleted file had it),
    /// ``IndexStoreConflict/digest(_:)`` (a live file has one of the digests or the blob path),
    /// ``IndexStoreConflict/sdistPerRelease`` (the release already has an sdist).
    func addFile(_ upload: FileUpload, to releaseID: ReleaseID) async throws -> DistributionFile

    /// Yanks a release with `reason` (may be empty).
    func yankRelease(id: ReleaseID, reason: String) async throws

    /// Takes a release's yank back.
    func unyankRelease(id: ReleaseID) async throws

    /// Deletes a file row; its filename stays registered.
    func deleteFile(id: FileID) async throws

    /// Deletes a release and its files; their filenames stay registered.
    func deleteRelease(id: ReleaseID) async throws

    /// Deletes a project with its releases, files and roles; the journal and the filename
    /// registry stay.
    func deleteProject(id: ProjectID) async throws

    /// The value of the deployment setting `name` (shared by every node), `nil` when unset.
    func setting(_ name: String) async throws -> String?

    /// Sets the deployment setting `name` to `value`.
    func setSetting(_ name: String, to value: String) async throws

    /// Appends a journal entry and returns its serial, greater than every earlier one; the
    /// project named `normalizedName` (if it still exists) gets it as ``Project/lastSerial``.
    func appendJournal(
        normalizedName: String, projectName: String, version: String?, action: String, time: Timestamp,
        actor: String?
    ) async throws -> Int64
}
