/// The organization half of ``IndexStore``'s reads.
public protocol OrganizationReads: Sendable {
    /// The organization with this normalized name.
    func organization(normalizedName: String) async throws -> Organization?

    /// The organization a project belongs to, if any.
    func organization(projectID: ProjectID) async throws -> Organization?

    /// The members of an organization, by user id.
    func organizationRoles(organizationID: Int64) async throws -> [OrganizationRole]

    /// The teams of an organization, by id.
    func teams(organizationID: Int64) async throws -> [Team]

    /// The members of a team, by user id.
    func teamMembers(teamID: Int64) async throws -> [UserID]

    /// The team roles on a project, by team id.
    func teamRoles(projectID: ProjectID) async throws -> [TeamRole]

    /// The projects an organization holds, by project id.
    func organizationProjects(organizationID: Int64) async throws -> [ProjectID]

    /// The organizations a user is a member of, by normalized name.
    func organizations(userID: UserID) async throws -> [Organization]
}

/// The organization half of ``IndexWriteTransaction``.
public protocol OrganizationWrites: Sendable {
    /// Creates an organization. Conflict: ``IndexStoreConflict/organizationName(_:)``.
    func createOrganization(name: String, normalizedName: String, created: Timestamp) async throws -> Organization

    /// Gives a user a role in an organization, or changes it.
    func setOrganizationRole(_ role: OrganizationRole) async throws

    /// Removes a member (and their team memberships in it); no error when absent.
    func removeOrganizationRole(organizationID: Int64, userID: UserID) async throws

    /// Puts a project in an organization (`nil`: takes it out). Taking it out or moving it drops
    /// the old organization's team roles on it (TOB-PYPI26-13).
    func setProjectOrganization(projectID: ProjectID, organizationID: Int64?) async throws

    /// Creates a team. Conflict: ``IndexStoreConflict/teamName(_:)``.
    func createTeam(organizationID: Int64, name: String) async throws -> Team

    /// Adds a user to a team (no error when already in).
    func addTeamMember(teamID: Int64, userID: UserID) async throws

    /// Removes a user from a team (no error when absent).
    func removeTeamMember(teamID: Int64, userID: UserID) async throws

    /// Gives a team a role on a project, or changes it.
    func setTeamRole(_ role: TeamRole) async throws

    /// Removes a team's role on a project (no error when absent).
    func removeTeamRole(teamID: Int64, projectID: ProjectID) async throws
}
