import IndexCore

extension InMemoryIndexStore {
    public func organization(normalizedName: String) async throws -> Organization? {
        read { $0.organizations.values.first { $0.normalizedName == normalizedName } }
    }

    public func organization(projectID: ProjectID) async throws -> Organization? {
        read { state in state.organizationProjects[projectID].flatMap { state.organizations[$0] } }
    }

    public func organizationRoles(organizationID: Int64) async throws -> [OrganizationRole] {
        read { $0.organizationRoles.filter { $0.organizationID == organizationID }.sorted { $0.userID < $1.userID } }
    }

    public func teams(organizationID: Int64) async throws -> [Team] {
        read { $0.teams.values.filter { $0.organizationID == organizationID }.sorted { $0.id < $1.id } }
    }

    public func teamMembers(teamID: Int64) async throws -> [UserID] {
        read { $0.teamMembers.filter { $0[0] == teamID }.map { UserID($0[1]) }.sorted() }
    }

    public func teamRoles(projectID: ProjectID) async throws -> [TeamRole] {
        read { $0.teamRoles.filter { $0.projectID == projectID }.sorted { $0.teamID < $1.teamID } }
    }

    public func organizationProjects(organizationID: Int64) async throws -> [ProjectID] {
        read { $0.organizationProjects.filter { $0.value == organizationID }.map(\.key).sorted() }
    }

    public func organizations(userID: UserID) async throws -> [Organization] {
        read { state in
            state.organizationRoles.filter { $0.userID == userID }.compactMap { state.organizations[$0.organizationID] }
                .sorted { $0.normalizedName < $1.normalizedName }
        }
    }
}

extension InMemoryWriteTransaction {
    func createOrganization(name: String, normalizedName: String, created: Timestamp) async throws -> Organization {
        try change { (rows) throws(IndexStoreError) -> Organization in
            guard !rows.organizations.values.contains(where: { $0.normalizedName == normalizedName }) else {
                throw .conflict(.organizationName(normalizedName))
            }
            let organization = Organization(
                id: rows.nextID(), name: name, normalizedName: normalizedName, created: created)
            rows.organizations[organization.id] = organization
            return organization
        }
    }

    func setOrganizationRole(_ role: OrganizationRole) async throws {
        try change { rows in
            rows.organizationRoles.removeAll { $0.organizationID == role.organizationID && $0.userID == role.userID }
            rows.organizationRoles.append(role)
        }
    }

    func removeOrganizationRole(organizationID: Int64, userID: UserID) async throws {
        try change { rows in
            rows.organizationRoles.removeAll { $0.organizationID == organizationID && $0.userID == userID }
            let teams = Set(rows.teams.values.filter { $0.organizationID == organizationID }.map(\.id))
            rows.teamMembers = rows.teamMembers.filter { !(teams.contains($0[0]) && $0[1] == userID.rawValue) }
        }
    }

    func setProjectOrganization(projectID: ProjectID, organizationID: Int64?) async throws {
        try change { rows in
            if let old = rows.organizationProjects[projectID] {
                let teams = Set(rows.teams.values.filter { $0.organizationID == old }.map(\.id))
                rows.teamRoles.removeAll { $0.projectID == projectID && teams.contains($0.teamID) }
            }
            rows.organizationProjects[projectID] = organizationID
        }
    }

    func createTeam(organizationID: Int64, name: String) async throws -> Team {
        try change { (rows) throws(IndexStoreError) -> Team in
            guard !rows.teams.values.contains(where: { $0.organizationID == organizationID && $0.name == name }) else {
                throw .conflict(.teamName(name))
            }
            let team = Team(id: rows.nextID(), organizationID: organizationID, name: name)
            rows.teams[team.id] = team
            return team
        }
    }

    func addTeamMember(teamID: Int64, userID: UserID) async throws {
        try change { _ = $0.teamMembers.insert([teamID, userID.rawValue]) }
    }

    func removeTeamMember(teamID: Int64, userID: UserID) async throws {
        try change { _ = $0.teamMembers.remove([teamID, userID.rawValue]) }
    }

    func setTeamRole(_ role: TeamRole) async throws {
        try change { rows in
            rows.teamRoles.removeAll { $0.teamID == role.teamID && $0.projectID == role.projectID }
            rows.teamRoles.append(role)
        }
    }

    func removeTeamRole(teamID: Int64, projectID: ProjectID) async throws {
        try change { rows in rows.teamRoles.removeAll { $0.teamID == teamID && $0.projectID == projectID } }
    }
}
