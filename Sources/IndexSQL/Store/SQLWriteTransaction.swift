import IndexCore
import Synchronization

/// One ``IndexStore/write(_:)`` transaction on the write connection; refuses work once the
/// transaction has ended (a closure that leaked it cannot write outside it).
final class SQLWriteTransaction: IndexWriteTransaction {
    private let writes: IndexWrites
    private let open = Mutex(true)

    init(_ writes: IndexWrites) {
        self.writes = writes
    }

    /// Ends the transaction for this handle.
    func close() {
        open.withLock { $0 = false }
    }

    func live() throws -> IndexWrites {
        guard open.withLock({ $0 }) else { throw IndexStoreError.unavailable("The transaction has ended.") }
        return writes
    }

    func project(normalizedName: String) async throws -> Project? {
        try await live().queries.project(normalizedName: normalizedName)
    }

    func release(projectID: ProjectID, canonicalVersion: String) async throws -> Release? {
        try await live().queries.release(projectID: projectID, canonicalVersion: canonicalVersion)
    }

    func createProject(name: String, normalizedName: String, created: Timestamp) async throws -> Project {
        try await live().createProject(name: name, normalizedName: normalizedName, created: created)
    }

    func setStatus(_ status: ProjectStatus, projectID: ProjectID) async throws {
        try await live().setStatus(status, projectID: projectID)
    }

    func createUser(username: String, email: String, passwordHash: String, created: Timestamp) async throws -> User {
        try await live().createUser(username: username, email: email, passwordHash: passwordHash, created: created)
    }

    func createToken(_ token: APIToken) async throws {
        try await live().createToken(token)
    }

    func recordTokenUse(id: TokenID, at time: Timestamp) async throws {
        try await live().recordTokenUse(id: id, at: time)
    }

    func deleteToken(id: TokenID) async throws {
        try await live().deleteToken(id: id)
    }

    func addRole(_ role: Role) async throws {
        try await live().addRole(role)
    }

    func createRelease(
        projectID: ProjectID, version: String, canonicalVersion: String, metadata: ReleaseMetadata,
        created: Timestamp, uploader: UserID?
    ) async throws -> Release {
        try await live().createRelease(
            projectID: projectID, version: version, canonicalVersion: canonicalVersion, metadata: metadata,
            created: created, uploader: uploader)
    }

    func addFile(_ upload: FileUpload, to releaseID: ReleaseID) async throws -> DistributionFile {
        try await live().addFile(upload, to: releaseID)
    }

    func yankRelease(id: ReleaseID, reason: String) async throws {
        try await live().yankRelease(id: id, reason: reason)
    }

    func unyankRelease(id: ReleaseID) async throws {
        try await live().unyankRelease(id: id)
    }

    func deleteFile(id: FileID) async throws {
        try await live().deleteFile(id: id)
    }

    func deleteRelease(id: ReleaseID) async throws {
        try await live().deleteRelease(id: id)
    }

    func deleteProject(id: ProjectID) async throws {
        try await live().deleteProject(id: id)
    }

    func setting(_ name: String) async throws -> String? {
        try await live().setting(name)
    }

    func setSetting(_ name: String, to value: String) async throws {
        try await live().setSetting(name, to: value)
    }

    func appendJournal(
        normalizedName: String, projectName: String, version: String?, action: String, time: Timestamp,
        actor: String?
    ) async throws -> Int64 {
        try await live().appendJournal(
            normalizedName: normalizedName, projectName: projectName, version: version, action: action, time: time,
            actor: actor)
    }
}
