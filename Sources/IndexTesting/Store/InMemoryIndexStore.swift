import IndexCore
import PythonPackaging
import Synchronization

/// An ``IndexStore`` in memory, for tests: transactions run one at a time on a copy of the
/// state, which replaces the state only when the transaction's body returns.
public final class InMemoryIndexStore: IndexStore {
    private let state = Mutex(InMemoryIndexState())
    private let gate = SerialGate()
    let outbox = Mutex(InMemoryOutbox())
    let hooks = Mutex(InMemoryWebhooks())

    /// An empty store.
    public init() {}

    func read<T>(_ body: (InMemoryIndexState) -> T) -> T {
        state.withLock { body($0) }
    }

    public func project(normalizedName: String) async throws -> Project? {
        read { $0.project(normalizedName: normalizedName) }
    }

    public func project(ofRelease releaseID: ReleaseID) async throws -> Project? {
        read { state in state.releases[releaseID].flatMap { state.projects[$0.projectID] } }
    }

    public func project(ultranormalizedName: String) async throws -> Project? {
        read { state in
            state.projects.values.sorted { $0.id < $1.id }
                .first { ProjectName($0.name).ultranormalized == ultranormalizedName }
        }
    }

    public func projects() async throws -> [Project] {
        read { $0.projects.values.sorted { $0.normalizedName < $1.normalizedName } }
    }

    public func projectDetail(normalizedName: String) async throws -> ProjectDetail? {
        read { state in
            guard let project = state.project(normalizedName: normalizedName) else { return nil }
            let releases = state.releases(of: project.id)
            let files = state.files(of: Set(releases.map(\.id)))
            return ProjectDetail(project: project, releases: releases, files: files)
        }
    }

    public func file(blobPath: String) async throws -> DistributionFile? {
        read { $0.files.values.first { $0.upload.blobPath == blobPath } }
    }

    public func file(filename: String) async throws -> DistributionFile? {
        read { $0.files.values.first { $0.filename == filename } }
    }

    public func file(blake2b256: String) async throws -> DistributionFile? {
        read { $0.files.values.first { $0.upload.digests.blake2b256 == blake2b256 } }
    }

    public func user(username: String) async throws -> User? {
        read { $0.users.values.first { $0.username == username } }
    }

    public func user(id: UserID) async throws -> User? {
        read { $0.users[id] }
    }

    public func token(id: TokenID) async throws -> APIToken? {
        read { $0.tokens[id] }
    }

    public func roles(projectID: ProjectID) async throws -> [Role] {
        read { $0.roles.filter { $0.projectID == projectID }.sorted { $0.userID < $1.userID } }
    }

    public func maxSerial() async throws -> Int64 {
        read { $0.journal.last?.serial ?? 0 }
    }

    public func setting(_ name: String) async throws -> String? {
        read { $0.settings[name] }
    }

    public func journal(after serial: Int64, limit: Int) async throws -> [JournalEntry] {
        read { Array($0.journal.filter { $0.serial > serial }.prefix(max(0, limit))) }
    }

    public func filenameWasUsed(_ filename: String) async throws -> Bool {
        read { $0.filenameRegistry.contains(filename) }
    }

    public func totalSize(projectID: ProjectID) async throws -> Int {
        read { state in
            let releaseIDs = Set(state.releases(of: projectID).map(\.id))
            return state.files(of: releaseIDs).reduce(0) { $0 + $1.upload.size }
        }
    }

    public func write<T: Sendable>(_ body: (any IndexWriteTransaction) async throws -> T) async throws -> T {
        await gate.enter()
        let transaction = InMemoryWriteTransaction(state.withLock { $0 })
        do {
            let result = try await body(transaction)
            let final = transaction.finish()
            state.withLock { $0 = final }
            await gate.leave()
            return result
        } catch {
            _ = transaction.finish()
            await gate.leave()
            throw error
        }
    }

    /// How many rows of each kind the store holds, for tests that assert nothing was stored.
    public func counts() -> InMemoryIndexCounts {
        read { state in
            InMemoryIndexCounts(
                projects: state.projects.count, releases: state.releases.count, files: state.files.count,
                roles: state.roles.count, journal: state.journal.count,
                registeredFilenames: state.filenameRegistry.count, tokens: state.tokens.count,
                sessions: state.sessions.count, publishers: state.publishers.count)
        }
    }
}

/// Row counts of an ``InMemoryIndexStore``.
public struct InMemoryIndexCounts: Hashable, Sendable {
    /// Projects.
    public var projects: Int
    /// Releases.
    public var releases: Int
    /// Live files.
    public var files: Int
    /// Roles.
    public var roles: Int
    /// Journal entries.
    public var journal: Int
    /// Filenames in the registry.
    public var registeredFilenames: Int
    /// API tokens.
    public var tokens: Int
    /// Web sessions.
    public var sessions: Int
    /// Trusted publishers.
    public var publishers: Int
}
