import IndexCore
import SQLKit

/// The organization reads and writes, written once on SQLKit.
enum OrganizationRows {
    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            normalizedName: try row.decode(column: "normalized_name", as: String.self),
            created: try IndexRowDecoding.timestamp(row, "created"))
    }

    static func organizationRole(_ row: any SQLRow) throws -> OrganizationRole {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let parsed = OrganizationRole.Kind(rawValue: kind) else {
            throw IndexStoreError.unavailable("Unknown organization role \(kind) in the database.")
        }
        return OrganizationRole(
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            userID: UserID(try row.decode(column: "user_id", as: Int64.self)), kind: parsed)
    }

    static func team(_ row: any SQLRow) throws -> Team {
        Team(
            id: try row.decode(column: "id", as: Int64.self),
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self))
    }

    static func teamRole(_ row: any SQLRow) throws -> TeamRole {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let parsed = RoleKind(rawValue: kind) else {
            throw IndexStoreError.unavailable("Unknown role \(kind) in the database.")
        }
        return TeamRole(
            teamID: try row.decode(column: "team_id", as: Int64.self),
            projectID: ProjectID(try row.decode(column: "project_id", as: Int64.self)), kind: parsed)
    }
}

extension IndexQueries {
    func organization(normalizedName: String) async throws -> Organization? {
        try await db.select().column("*").from("organizations").where("normalized_name", .equal, normalizedName)
            .first().map(OrganizationRows.organization)
    }

    func organization(projectID: ProjectID) async throws -> Organization? {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("organizations")))
            .from("organizations")
            .join(
                "organization_projects", on: SQLColumn("organization_id", table: "organization_projects"), .equal,
                SQLColumn("id", table: "organizations")
            )
            .where(SQLColumn("project_id", table: "organization_projects"), .equal, SQLBind(projectID.rawValue))
            .first().map(OrganizationRows.organization)
    }

    func organizationRoles(organizationID: Int64) async throws -> [OrganizationRole] {
        try await db.select().column("*").from("organization_roles").where("organization_id", .equal, organizationID)
            .orderBy("user_id").all().map(OrganizationRows.organizationRole)
    }

    func teams(organizationID: Int64) async throws -> [Team] {
        try await db.select().column("*").from("teams").where("organization_id", .equal, organizationID)
            .orderBy("id").all().map(OrganizationRows.team)
    }

    func teamMembers(teamID: Int64) async throws -> [UserID] {
        try await db.select().column("user_id").from("team_members").where("team_id", .equal, teamID)
            .orderBy("user_id").all().map { UserID(try $0.decode(column: "user_id", as: Int64.self)) }
    }

    func teamRoles(projectID: ProjectID) async throws -> [TeamRole] {
        try await db.select().column("*").from("team_project_roles").where("project_id", .equal, projectID.rawValue)
            .orderBy("team_id").all().map(OrganizationRows.teamRole)
    }

    func organizationProjects(organizationID: Int64) async throws -> [ProjectID] {
        try await db.select().column("project_id").from("organization_projects")
            .where("organization_id", .equal, organizationID).orderBy("project_id").all()
            .map { ProjectID(try $0.decode(column: "project_id", as: Int64.self)) }
    }

    func organizations(userID: UserID) async throws -> [Organization] {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("organizations")))
            .from("organizations")
            .join(
                "organization_roles", on: SQLColumn("organization_id", table: "organization_roles"), .equal,
                SQLColumn("id", table: "organizations")
            )
            .where(SQLColumn("user_id", table: "organization_roles"), .equal, SQLBind(userID.rawValue))
            .orderBy(SQLColumn("normalized_name", table: "organizations")).all().map(OrganizationRows.organization)
    }
}

extension IndexWrites {
    func createOrganization(name: String, normalizedName: String, created: Timestamp) async throws -> Organization {
        let id = try await mapping(to: .organizationName(normalizedName)) {
            try await db.insert(into: "organizations").columns("name", "normalized_name", "created")
                .values(name, normalizedName, created.secondsSinceEpoch)
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new organization has no id.") }
        return Organization(id: id, name: name, normalizedName: normalizedName, created: created)
    }

    func setOrganizationRole(_ role: OrganizationRole) async throws {
        try await db.delete(from: "organization_roles").where("organization_id", .equal, role.organizationID)
            .where("user_id", .equal, role.userID.rawValue).run()
        try await db.insert(into: "organization_roles").columns("organization_id", "user_id", "kind")
            .values(role.organizationID, role.userID.rawValue, role.kind.rawValue).run()
    }

    func removeOrganizationRole(organizationID: Int64, userID: UserID) async throws {
        try await db.delete(from: "organization_roles").where("organization_id", .equal, organizationID)
            .where("user_id", .equal, userID.rawValue).run()
        for team in try await queries.teams(organizationID: organizationID) {
            try await removeTeamMember(teamID: team.id, userID: userID)
        }
    }

    func setProjectOrganization(projectID: ProjectID, organizationID: Int64?) async throws {
        if let old = try await queries.organization(projectID: projectID) {
            for team in try await queries.teams(organizationID: old.id) {
                try await removeTeamRole(teamID: team.id, projectID: projectID)
            }
        }
        try await db.delete(from: "organization_projects").where("project_id", .equal, projectID.rawValue).run()
        if let organizationID {
            try await db.insert(into: "organization_projects").columns("project_id", "organization_id")
                .values(projectID.rawValue, organizationID).run()
        }
    }

    func createTeam(organizationID: Int64, name: String) async throws -> Team {
        let id = try await mapping(to: .teamName(name)) {
            try await db.insert(into: "teams").columns("organization_id", "name").values(organizationID, name)
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw IndexStoreError.unavailable("The new team has no id.") }
        return Team(id: id, organizationID: organizationID, name: name)
    }

    func addTeamMember(teamID: Int64, userID: UserID) async throws {
        try await removeTeamMember(teamID: teamID, userID: userID)
        try await db.insert(into: "team_members").columns("team_id", "user_id").values(teamID, userID.rawValue).run()
    }

    func removeTeamMember(teamID: Int64, userID: UserID) async throws {
        try await db.delete(from: "team_members").where("team_id", .equal, teamID)
            .where("user_id", .equal, userID.rawValue).run()
    }

    func setTeamRole(_ role: TeamRole) async throws {
        try await removeTeamRole(teamID: role.teamID, projectID: role.projectID)
        try await db.insert(into: "team_project_roles").columns("team_id", "project_id", "kind")
            .values(role.teamID, role.projectID.rawValue, role.kind.rawValue).run()
    }

    func removeTeamRole(teamID: Int64, projectID: ProjectID) async throws {
        try await db.delete(from: "team_project_roles").where("team_id", .equal, teamID)
            .where("project_id", .equal, projectID.rawValue).run()
    }
}
