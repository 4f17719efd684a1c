import IndexCore

extension InMemoryIndexStore {
    public func user(email: String) async throws -> User? {
        read { state in
            state.users.values.sorted { $0.id < $1.id }.first { $0.email.lowercased() == email.lowercased() }
        }
    }

    public func project(id: ProjectID) async throws -> Project? {
        read { $0.projects[id] }
    }

    public func tokens(userID: UserID) async throws -> [APIToken] {
        read { state in
            state.tokens.values.filter { $0.userID == userID }
                .sorted { ($0.created, $0.id) < ($1.created, $1.id) }
        }
    }

    public func session(idDigest: String) async throws -> WebSession? {
        read { $0.sessions[idDigest] }
    }

    public func recoveryCodes(userID: UserID) async throws -> [RecoveryCode] {
        read { $0.recoveryCodes.values.filter { $0.userID == userID }.sorted { $0.id < $1.id } }
    }

    public func events(userID: UserID, limit: Int) async throws -> [SecurityEvent] {
        read { Array($0.events.filter { $0.userID == userID }.reversed().prefix(max(0, limit))) }
    }

    public func events(project normalizedName: String, limit: Int) async throws -> [SecurityEvent] {
        read { Array($0.events.filter { $0.project == normalizedName }.reversed().prefix(max(0, limit))) }
    }

    public func reservedName(_ normalizedName: String) async throws -> ReservedName? {
        read { $0.reservedNames[normalizedName] }
    }

    public func publisher(id: String) async throws -> StoredPublisher? {
        read { $0.publishers[id] }
    }

    public func publishers(issuer: String) async throws -> [StoredPublisher] {
        read { Self.ordered($0.publishers.values.filter { $0.issuer == issuer }) }
    }

    public func publishers(projectID: ProjectID) async throws -> [StoredPublisher] {
        read { Self.ordered($0.publishers.values.filter { $0.projectID == projectID }) }
    }

    public func pendingPublishers(addedBy userID: UserID) async throws -> [StoredPublisher] {
        read { Self.ordered($0.publishers.values.filter { $0.addedBy == userID && $0.projectID == nil }) }
    }

    public func roles(userID: UserID) async throws -> [Role] {
        read { $0.roles.filter { $0.userID == userID }.sorted { $0.projectID < $1.projectID } }
    }

    public func invitations(userID: UserID) async throws -> [RoleInvitation] {
        read { $0.invitations.filter { $0.userID == userID }.sorted { $0.projectID < $1.projectID } }
    }

    public func invitations(projectID: ProjectID) async throws -> [RoleInvitation] {
        read { $0.invitations.filter { $0.projectID == projectID }.sorted { $0.userID < $1.userID } }
    }

    private static func ordered(_ publishers: [StoredPublisher]) -> [StoredPublisher] {
        publishers.sorted { ($0.created.secondsSinceEpoch, $0.id) < ($1.created.secondsSinceEpoch, $1.id) }
    }
}
