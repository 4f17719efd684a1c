/// What an organization's public page shows (`/org/<name>/`): the organization, its members
/// (Owners first, then Managers, then Members, by username; frozen accounts left out) and its
/// projects with their latest release (quarantined projects and projects without a release
/// left out), by name.
public struct OrganizationPageModel: Sendable {
    /// A member as shown.
    public struct Member: Hashable, Sendable {
        public var username: String
        public var kind: OrganizationRole.Kind
    }

    /// A project as listed.
    public struct ListedProject: Hashable, Sendable {
        public var name: String
        public var normalizedName: String
        /// The latest release's version (``ProjectJSON/latestRelease(_:)``).
        public var version: String
        /// The latest release's summary, empty when it has none.
        public var summary: String
    }

    /// The organization.
    public var organization: Organization
    /// Owners, then Managers, then Members.
    public var members: [Member]
    /// The visible projects, by normalized name.
    public var projects: [ListedProject]
    /// The normalized names of all the organization's projects, hidden ones included (a cache
    /// keeps the page under each, so a project's change, such as its release from quarantine,
    /// purges the page).
    public var allProjectNames: [String]

    /// The order of the member kinds on the page.
    static func rank(_ kind: OrganizationRole.Kind) -> Int {
        switch kind {
        case .owner: 0
        case .manager: 1
        case .member: 2
        }
    }
}

extension IndexStore {
    /// The model of an organization's page; `nil` when there is no such organization.
    public func organizationPage(normalizedName: String) async throws -> OrganizationPageModel? {
        guard let organization = try await organization(normalizedName: normalizedName) else { return nil }
        var members: [OrganizationPageModel.Member] = []
        for role in try await organizationRoles(organizationID: organization.id) {
            guard let user = try await user(id: role.userID), !user.isFrozen else { continue }
            members.append(OrganizationPageModel.Member(username: user.username, kind: role.kind))
        }
        members.sort { lhs, rhs in
            let (left, right) = (OrganizationPageModel.rank(lhs.kind), OrganizationPageModel.rank(rhs.kind))
            return left != right ? left < right : lhs.username < rhs.username
        }
        var names: [String] = []
        var visible: [String] = []
        for id in try await organizationProjects(organizationID: organization.id) {
            guard let project = try await project(id: id) else { continue }
            names.append(project.normalizedName)
            if project.status != .quarantined { visible.append(project.normalizedName) }
        }
        let projects = try await projectDetails(normalizedNames: visible).compactMap {
            detail -> OrganizationPageModel.ListedProject? in
            guard detail.project.status != .quarantined, let latest = ProjectJSON.latestRelease(detail.releases) else {
                return nil
            }
            return OrganizationPageModel.ListedProject(
                name: detail.project.name, normalizedName: detail.project.normalizedName, version: latest.version,
                summary: latest.metadata.summary ?? "")
        }
        return OrganizationPageModel(
            organization: organization, members: members,
            projects: projects.sorted { $0.normalizedName < $1.normalizedName }, allProjectNames: names.sorted())
    }
}
