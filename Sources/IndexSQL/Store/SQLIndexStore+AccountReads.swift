import IndexCore

extension SQLIndexStore {
    public func user(email: String) async throws -> User? {
        try await read { try await $0.user(email: email) }
    }

    public func project(id: ProjectID) async throws -> Project? {
        try await read { try await $0.project(id: id) }
    }

    public func tokens(userID: UserID) async throws -> [APIToken] {
        try await read { try await $0.tokens(userID: userID) }
    }

    public func session(idDigest: String) async throws -> WebSession? {
        try await read { try await $0.session(idDigest: idDigest) }
    }

    public func recoveryCodes(userID: UserID) async throws -> [RecoveryCode] {
        try await read { try await $0.recoveryCodes(userID: userID) }
    }

    public func events(userID: UserID, limit: Int) async throws -> [SecurityEvent] {
        try await read { try await $0.events(userID: userID, limit: limit) }
    }

    public func events(project normalizedName: String, limit: Int) async throws -> [SecurityEvent] {
        try await read { try await $0.events(project: normalizedName, limit: limit) }
    }

    public func reservedName(_ normalizedName: String) async throws -> ReservedName? {
        try await read { try await $0.reservedName(normalizedName) }
    }

    public func publisher(id: String) async throws -> StoredPublisher? {
        try await read { try await $0.publisher(id: id) }
    }

    public func publishers(issuer: String) async throws -> [StoredPublisher] {
        try await read { try await $0.publishers(issuer: issuer) }
    }

    public func publishers(projectID: ProjectID) async throws -> [StoredPublisher] {
        try await read { try await $0.publishers(projectID: projectID) }
    }

    public func pendingPublishers(addedBy userID: UserID) async throws -> [StoredPublisher] {
        try await read { try await $0.pendingPublishers(addedBy: userID) }
    }

    public func roles(userID: UserID) async throws -> [Role] {
        try await read { try await $0.roles(userID: userID) }
    }

    public func invitations(userID: UserID) async throws -> [RoleInvitation] {
        try await read { try await $0.invitations(userID: userID) }
    }

    public func invitations(projectID: ProjectID) async throws -> [RoleInvitation] {
        try await read { try await $0.invitations(projectID: projectID) }
    }

}
