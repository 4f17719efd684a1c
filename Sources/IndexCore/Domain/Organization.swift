/// An organization (Warehouse's): a name that owns projects, with members in roles and teams
/// that hold project roles.
public struct Organization: Hashable, Sendable {
    /// The row id.
    public var id: Int64
    /// The display name.
    public var name: String
    /// The PEP 503 style normalized name (unique).
    public var normalizedName: String
    /// When it was created.
    public var created: Timestamp

    /// Creates a record.
    public init(id: Int64, name: String, normalizedName: String, created: Timestamp) {
        self.id = id
        self.name = name
        self.normalizedName = normalizedName
        self.created = created
    }
}

/// A member's role in an organization.
public struct OrganizationRole: Hashable, Sendable {
    /// The organization.
    public var organizationID: Int64
    /// The member.
    public var userID: UserID
    /// Owner, Manager or Member.
    public var kind: Kind

    /// Warehouse's organization role names.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Everything, including members and Owners; Owner of every project of the organization.
        case owner = "Owner"
        /// Manages teams and their project roles; cannot add or remove Owners (TOB-PYPI26-8).
        case manager = "Manager"
        /// Belongs; gets project roles through teams.
        case member = "Member"
    }

    /// Creates a role.
    public init(organizationID: Int64, userID: UserID, kind: Kind) {
        self.organizationID = organizationID
        self.userID = userID
        self.kind = kind
    }
}

/// A team of an organization.
public struct Team: Hashable, Sendable {
    /// The row id.
    public var id: Int64
    /// The organization.
    public var organizationID: Int64
    /// The name, unique in the organization.
    public var name: String

    /// Creates a record.
    public init(id: Int64, organizationID: Int64, name: String) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
    }
}

/// A team's role on a project: every member of the team has it.
public struct TeamRole: Hashable, Sendable {
    /// The team.
    public var teamID: Int64
    /// The project.
    public var projectID: ProjectID
    /// Owner or Maintainer.
    public var kind: RoleKind

    /// Creates a role.
    public init(teamID: Int64, projectID: ProjectID, kind: RoleKind) {
        self.teamID = teamID
        self.projectID = projectID
        self.kind = kind
    }
}
