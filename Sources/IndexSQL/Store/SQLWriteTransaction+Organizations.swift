import IndexCore

extension SQLWriteTransaction {
    func createOrganization(name: String, normalizedName: String, created: Timestamp) async throws -> Organization {
        try await live().createOrganization(name: name, normalizedName: normalizedName, created: created)
    }

    func setOrganizationRole(_ role: OrganizationRole) async throws {
        try await live().setOrganizationRole(role)
    }

    func removeOrganizationRole(organizationID: Int64, userID: UserID) async throws {
        try await live().removeOrganizationRole(organizationID: organizationID, userID: userID)
    }

    func setProjectOrganization(projectID: ProjectID, organizationID: Int64?) async throws {
        try await live().setProjectOrganization(projectID: projectID, organizationID: organizationID)
    }

    func createTeam(organizationID: Int64, name: String) async throws -> Team {
        try await live().createTeam(organizationID: organizationID, name: name)
    }

    func addTeamMember(teamID: Int64, userID: UserID) async throws {
        try await live().addTeamMember(teamID: teamID, userID: userID)
    }

    func removeTeamMember(teamID: Int64, userID: UserID) async throws {
        try await live().removeTeamMember(teamID: teamID, userID: userID)
    }

    func setTeamRole(_ role: TeamRole) async throws {
        try await live().setTeamRole(role)
    }

    func removeTeamRole(teamID: Int64, projectID: ProjectID) async throws {
        try await live().removeTeamRole(teamID: teamID, projectID: projectID)
    }

}
