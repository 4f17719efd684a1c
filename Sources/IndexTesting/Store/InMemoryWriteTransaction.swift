import IndexCore
import Synchronization

/// One transaction of an ``InMemoryIndexStore``: works on its own copy of the state.
final class InMemoryWriteTransaction: IndexWriteTransaction {
    private let state: Mutex<(rows: InMemoryIndexState, open: Bool)>

    init(_ rows: InMemoryIndexState) {
        state = Mutex((rows, true))
    }

    /// Closes the transaction and returns its state.
    func finish() -> InMemoryIndexState {
        state.withLock { state in
            state.open = false
            return state.rows
        }
    }

    func change<T>(_ body: (inout InMemoryIndexState) throws(IndexStoreError) -> T) throws(IndexStoreError) -> T {
        try state.withLock { (state) throws(IndexStoreError) -> T in
            guard state.open else { throw IndexStoreError.unavailable("The transaction has ended.") }
            return try body(&state.rows)
        }
    }

    func project(normalizedName: String) async throws -> Project? {
        try change { $0.project(normalizedName: normalizedName) }
    }

    func release(projectID: ProjectID, canonicalVersion: String) async throws -> Release? {
        try change { rows in
            rows.releases.values.first { $0.projectID == projectID && $0.canonicalVersion == canonicalVersion }
        }
    }

    func createProject(name: String, normalizedName: String, created: Timestamp) async throws -> Project {
        try change { (rows) throws(IndexStoreError) -> Project in
            guard rows.project(normalizedName: normalizedName) == nil else {
                throw .conflict(.projectName(normalizedName))
            }
            let project = Project(
                id: ProjectID(rows.nextID()), name: name, normalizedName: normalizedName, created: created)
            rows.projects[project.id] = project
            return project
        }
    }

    func setStatus(_ status: ProjectStatus, projectID: ProjectID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.projects[projectID] != nil else { throw .notFound("project \(projectID)") }
            rows.projects[projectID]?.status = status
        }
    }

    func createUser(username: String, email: String, passwordHash: String, created: Timestamp) async throws -> User {
        try change { (rows) throws(IndexStoreError) -> User in
            guard !rows.users.values.contains(where: { $0.username == username }) else {
                throw .conflict(.username(username))
            }
            let user = User(
                id: UserID(rows.nextID()), username: username, email: email, passwordHash: passwordHash,
                created: created)
            rows.users[user.id] = user
            return user
        }
    }

    func createToken(_ token: APIToken) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.tokens[token.id] == nil else { throw .conflict(.token(token.id.rawValue)) }
            if let userID = token.userID, rows.users[userID] == nil { throw .notFound("user \(userID)") }
            rows.tokens[token.id] = token
        }
    }

    func recordTokenUse(id: TokenID, at time: Timestamp) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.tokens[id] != nil else { throw .notFound("token \(id)") }
            rows.tokens[id]?.lastUsed = time
        }
    }

    func deleteToken(id: TokenID) async throws {
        try change { rows in rows.tokens[id] = nil }
    }

    func addRole(_ role: Role) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.projects[role.projectID] != nil else { throw .notFound("project \(role.projectID)") }
            guard rows.users[role.userID] != nil else { throw .notFound("user \(role.userID)") }
            guard !rows.roles.contains(where: { $0.userID == role.userID && $0.projectID == role.projectID }) else {
                throw .conflict(.role)
            }
            rows.roles.append(role)
        }
    }

    func createRelease(
        projectID: ProjectID, version: String, canonicalVersion: String, metadata: ReleaseMetadata,
        created: Timestamp, uploader: UserID?
    ) async throws -> Release {
        try change { (rows) throws(IndexStoreError) -> Release in
            guard rows.projects[projectID] != nil else { throw .notFound("project \(projectID)") }
            guard !rows.releases(of: projectID).contains(where: { $0.canonicalVersion == canonicalVersion }) else {
                throw .conflict(.release(canonicalVersion))
            }
            let release = Release(
                id: ReleaseID(rows.nextID()), projectID: projectID, version: version,
                canonicalVersion: canonicalVersion, metadata: metadata, created: created, uploader: uploader)
            rows.releases[release.id] = release
            return release
        }
    }

    func addFile(_ upload: FileUpload, to releaseID: ReleaseID) async throws -> DistributionFile {
        try change { (rows) throws(IndexStoreError) -> DistributionFile in
            guard rows.releases[releaseID] != nil else { throw .notFound("release \(releaseID)") }
            let live = rows.files.values
            if live.contains(where: { $0.filename == upload.filename }) {
                throw .conflict(.filename(upload.filename))
            }
            if rows.filenameRegistry.contains(upload.filename) {
                throw .conflict(.filenameRegistered(upload.filename))
            }
            for file in live {
                let other = file.upload
                for (mine, theirs) in [
                    (upload.digests.md5, other.digests.md5), (upload.digests.sha256, other.digests.sha256),
                    (upload.digests.blake2b256, other.digests.blake2b256), (upload.blobPath, other.blobPath),
                ] where mine == theirs {
                    throw .conflict(.digest(mine))
                }
            }
            if upload.packageType == .sdist,
                live.contains(where: { $0.releaseID == releaseID && $0.upload.packageType == .sdist })
            {
                throw .conflict(.sdistPerRelease)
            }
            let file = DistributionFile(id: FileID(rows.nextID()), releaseID: releaseID, upload: upload)
            rows.files[file.id] = file
            rows.filenameRegistry.insert(upload.filename)
            return file
        }
    }

    func yankRelease(id: ReleaseID, reason: String) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.releases[id] != nil else { throw .notFound("release \(id)") }
            rows.releases[id]?.yanked = true
            rows.releases[id]?.yankedReason = reason
        }
    }

    func unyankRelease(id: ReleaseID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.releases[id] != nil else { throw .notFound("release \(id)") }
            rows.releases[id]?.yanked = false
            rows.releases[id]?.yankedReason = ""
        }
    }

    func deleteFile(id: FileID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.files.removeValue(forKey: id) != nil else { throw .notFound("file \(id)") }
        }
    }

    func deleteRelease(id: ReleaseID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.releases.removeValue(forKey: id) != nil else { throw .notFound("release \(id)") }
            rows.files = rows.files.filter { $0.value.releaseID != id }
        }
    }

    func deleteProject(id: ProjectID) async throws {
        try change { (rows) throws(IndexStoreError) in
            guard rows.projects.removeValue(forKey: id) != nil else { throw .notFound("project \(id)") }
            let releaseIDs = Set(rows.releases.values.filter { $0.projectID == id }.map(\.id))
            rows.releases = rows.releases.filter { !releaseIDs.contains($0.key) }
            rows.files = rows.files.filter { !releaseIDs.contains($0.value.releaseID) }
            rows.roles.removeAll { $0.projectID == id }
            rows.invitations.removeAll { $0.projectID == id }
            rows.organizationProjects[id] = nil
            rows.teamRoles.removeAll { $0.projectID == id }
            rows.publishers = rows.publishers.filter { $0.value.projectID != id }
            rows.downloads[id] = nil
        }
    }

    func setting(_ name: String) async throws -> String? {
        try change { $0.settings[name] }
    }

    func setSetting(_ name: String, to value: String) async throws {
        try change { $0.settings[name] = value }
    }

    func appendJournal(
        normalizedName: String, projectName: String, version: String?, action: String, time: Timestamp,
        actor: String?
    ) async throws -> Int64 {
        try change { rows in
            let serial = (rows.journal.last?.serial ?? 0) + 1
            rows.journal.append(
                JournalEntry(
                    serial: serial, projectName: projectName, version: version, action: action, time: time,
                    actor: actor))
            if let project = rows.project(normalizedName: normalizedName) {
                rows.projects[project.id]?.lastSerial = serial
            }
            return serial
        }
    }
}

extension InMemoryWriteTransaction {
    /// Adds download counts by filename to their projects' counts of `day`.
    func addDownloads(_ counts: [String: Int], day: Int) {
        _ = try? change { (rows) throws(IndexStoreError) in
            for (filename, count) in counts {
                guard let file = rows.files.values.first(where: { $0.filename == filename }),
                    let release = rows.releases[file.releaseID]
                else { continue }
                rows.downloads[release.projectID, default: [:]][day, default: 0] += count
            }
        }
    }
}
