extension IndexStore {
    /// The roles users hold on a project: their own, their teams', and Owner for the Owners of
    /// the organization the project belongs to; one per user, the strongest.
    public func effectiveRoles(projectID: ProjectID) async throws -> [Role] {
        var kinds: [UserID: RoleKind] = [:]
        func grant(_ user: UserID, _ kind: RoleKind) {
            if kinds[user] != .owner { kinds[user] = kind }
        }
        for role in try await roles(projectID: projectID) { grant(role.userID, role.kind) }
        if let organization = try await organization(projectID: projectID) {
            for role in try await organizationRoles(organizationID: organization.id) where role.kind == .owner {
                grant(role.userID, .owner)
            }
            let members = Set(try await organizationRoles(organizationID: organization.id).map(\.userID))
            for teamRole in try await teamRoles(projectID: projectID) {
                for user in try await teamMembers(teamID: teamRole.teamID) where members.contains(user) {
                    grant(user, teamRole.kind)
                }
            }
        }
        return kinds.map { Role(userID: $0.key, projectID: projectID, kind: $0.value) }.sorted { $0.userID < $1.userID }
    }
}
