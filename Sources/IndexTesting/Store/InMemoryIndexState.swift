import IndexCore

/// The rows of an ``InMemoryIndexStore``.
struct InMemoryIndexState: Sendable {
    var projects: [ProjectID: Project] = [:]
    var releases: [ReleaseID: Release] = [:]
    var files: [FileID: DistributionFile] = [:]
    var users: [UserID: User] = [:]
    var tokens: [TokenID: APIToken] = [:]
    var roles: [Role] = []
    var journal: [JournalEntry] = []
    var settings: [String: String] = [:]
    var filenameRegistry: Set<String> = []
    var lastID: Int64 = 0
    var sessions: [String: WebSession] = [:]
    var recoveryCodes: [Int64: RecoveryCode] = [:]
    var events: [SecurityEvent] = []
    var jwtIDs: [String: Timestamp] = [:]
    var publishers: [String: StoredPublisher] = [:]
    var reservedNames: [String: ReservedName] = [:]
    var invitations: [RoleInvitation] = []
    var organizations: [Int64: Organization] = [:]
    var organizationRoles: [OrganizationRole] = []
    var organizationProjects: [ProjectID: Int64] = [:]
    var teams: [Int64: Team] = [:]
    var teamMembers: Set<[Int64]> = []
    var teamRoles: [TeamRole] = []
    var downloads: [ProjectID: [Int: Int]] = [:]
    var downloadStatistics: [DownloadKey: Int] = [:]
    var downloadLogs: [String: DownloadLogPosition] = [:]
    var observations: [Observation] = []
    var adminLog: [AdminLogEntry] = []

    mutating func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    func project(normalizedName: String) -> Project? {
        projects.values.first { $0.normalizedName == normalizedName }
    }

    func releases(of projectID: ProjectID) -> [Release] {
        releases.values.filter { $0.projectID == projectID }.sorted { $0.id < $1.id }
    }

    func files(of releaseIDs: Set<ReleaseID>) -> [DistributionFile] {
        files.values.filter { releaseIDs.contains($0.releaseID) }.sorted { $0.id < $1.id }
    }
}
