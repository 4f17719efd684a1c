import IndexCore

extension SQLIndexStore {
    public func organization(normalizedName: String) async throws -> Organization? {
        try await read { try await $0.organization(normalizedName: normalizedName) }
    }

    public func organization(projectID: ProjectID) async throws -> Organization? {
        try await read { try await $0.organization(projectID: projectID) }
    }

    public func organizationRoles(organizationID: Int64) async throws -> [OrganizationRole] {
        try await read { try await $0.organizationRoles(organizationID: organizationID) }
    }

    public func teams(organizationID: Int64) async throws -> [Team] {
        try await read { try await $0.teams(organizationID: organizationID) }
    }

    public func teamMembers(teamID: Int64) async throws -> [UserID] {
        try await read { try await $0.teamMembers(teamID: teamID) }
    }

    public func teamRoles(projectID: ProjectID) async throws -> [TeamRole] {
        try await read { try await $0.teamRoles(projectID: projectID) }
    }

    public func organizationProjects(organizationID: Int64) async throws -> [ProjectID] {
        try await read { try await $0.organizationProjects(organizationID: organizationID) }
    }

    public func organizations(userID: UserID) async throws -> [Organization] {
        try await read { try await $0.organizations(userID: userID) }
    }

}
