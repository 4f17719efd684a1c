import PythonPackaging

/// Organizations (Warehouse's): a user creates one and is its Owner; Owners manage members of
/// every kind, Managers add Members and run teams but never touch Owners (TOB-PYPI26-8); teams
/// hold project roles on the organization's projects; a project's Owner who also owns an
/// organization may transfer the project into it, and the old organization's team roles do not
/// survive a transfer (TOB-PYPI26-13). Every change is in the security log.
///
/// Caches: a transfer changes the project's pages, so it is a journal entry on the project
/// (`add to organization <name>`, `remove from organization <name>`), which the read model and
/// the purges follow (``SurrogateKeys/purged(by:)``). The other changes concern no project and
/// are not journal entries (mirrors follow the journal): when ``purgesCaches`` is on, each
/// enqueues a purge of the pages it alters (the organization's, the users' it adds or removes)
/// once it is committed.
public struct ManageOrganizations: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    /// Whether a cache in front is purged (the composition root sets it when a purger is set up).
    public var purgesCaches: Bool

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock, purgesCaches: Bool = false) {
        self.store = store
        self.clock = clock
        self.purgesCaches = purgesCaches
    }

    /// Creates an organization with `actor` as its Owner.
    public func create(name: String, by actor: User) async throws -> Organization {
        let normalized = ProjectName.normalize(name)
        guard ProjectName(name).isValid else {
            throw ManageError(.invalid, "The organization name '\(name)' is invalid.")
        }
        guard try await store.organization(normalizedName: normalized) == nil else {
            throw ManageError(.invalid, "The organization name '\(name)' is already in use.")
        }
        let now = clock.now()
        let created: Organization
        do {
            created = try await store.write { tx in
                let organization = try await tx.createOrganization(name: name, normalizedName: normalized, created: now)
                try await tx.setOrganizationRole(
                    OrganizationRole(organizationID: organization.id, userID: actor.id, kind: .owner))
                try await tx.appendEvent(event(actor, "organization:create", ["organization": name]))
                return organization
            }
        } catch IndexStoreError.conflict {
            throw ManageError(.invalid, "The organization name '\(name)' is already in use.")
        }
        try await purge(created, users: [actor.username])
        return created
    }

    /// Gives `username` a role in the organization (or changes it).
    public func setMember(organization name: String, username: String, kind: OrganizationRole.Kind, by actor: User)
        async throws
    {
        let (organization, roles) = try await load(name, actor: actor, allowed: [.owner, .manager])
        let actorKind = roles.first { $0.userID == actor.id }?.kind
        let target = try await user(username)
        let current = roles.first { $0.userID == target.id }?.kind
        if actorKind != .owner, kind != .member || current == .owner || current == .manager {
            throw ManageError(.forbidden, "Only Owners of '\(organization.name)' can change Owners and Managers.")
        }
        if current == .owner, kind != .owner, roles.filter({ $0.kind == .owner }).count == 1 {
            throw ManageError(.invalid, "An organization must have at least one Owner.")
        }
        try await store.write { tx in
            try await tx.setOrganizationRole(
                OrganizationRole(organizationID: organization.id, userID: target.id, kind: kind))
            try await tx.appendEvent(
                event(
                    actor, "organization:role:set",
                    ["organization": organization.name, "target": username, "role": kind.rawValue]))
        }
        try await purge(organization, users: [target.username])
    }

    /// Removes a member (Owners only; the last Owner stays).
    public func removeMember(organization name: String, username: String, by actor: User) async throws {
        let (organization, roles) = try await load(name, actor: actor, allowed: [.owner])
        let target = try await user(username)
        guard let role = roles.first(where: { $0.userID == target.id }) else {
            throw ManageError(.notFound, "User '\(username)' is not a member of '\(organization.name)'.")
        }
        if role.kind == .owner, roles.filter({ $0.kind == .owner }).count == 1 {
            throw ManageError(.invalid, "An organization must have at least one Owner.")
        }
        try await store.write { tx in
            try await tx.removeOrganizationRole(organizationID: organization.id, userID: target.id)
            try await tx.appendEvent(
                event(actor, "organization:role:remove", ["organization": organization.name, "target": username]))
        }
        try await purge(organization, users: [target.username])
    }

    /// Creates a team (Owners and Managers).
    public func createTeam(organization name: String, team: String, by actor: User) async throws -> Team {
        let (organization, _) = try await load(name, actor: actor, allowed: [.owner, .manager])
        guard !team.isEmpty, team.count <= 50 else {
            throw ManageError(.invalid, "Give a team name of 1 to 50 characters.")
        }
        do {
            return try await store.write { tx in
                let created = try await tx.createTeam(organizationID: organization.id, name: team)
                try await tx.appendEvent(
                    event(actor, "organization:team:create", ["organization": organization.name, "team": team]))
                return created
            }
        } catch IndexStoreError.conflict {
            throw ManageError(.invalid, "The team '\(team)' already exists.")
        }
    }

    /// Adds (or with `remove`, takes out) a member of the organization to a team.
    public func setTeamMember(organization name: String, team: String, username: String, remove: Bool, by actor: User)
        async throws
    {
        let (organization, roles) = try await load(name, actor: actor, allowed: [.owner, .manager])
        let found = try await teamNamed(team, in: organization)
        let target = try await user(username)
        guard remove || roles.contains(where: { $0.userID == target.id }) else {
            throw ManageError(.invalid, "User '\(username)' is not a member of '\(organization.name)'.")
        }
        try await store.write { tx in
            if remove {
                try await tx.removeTeamMember(teamID: found.id, userID: target.id)
            } else {
                try await tx.addTeamMember(teamID: found.id, userID: target.id)
            }
            try await tx.appendEvent(
                event(
                    actor, remove ? "organization:team:member:remove" : "organization:team:member:add",
                    ["organization": organization.name, "team": team, "target": username]))
        }
    }

    /// Gives a team a role on one of the organization's projects (`nil`: removes it).
    public func setTeamRole(organization name: String, team: String, project: String, kind: RoleKind?, by actor: User)
        async throws
    {
        let (organization, _) = try await load(name, actor: actor, allowed: [.owner, .manager])
        let found = try await teamNamed(team, in: organization)
        guard let target = try await store.project(normalizedName: ProjectName.normalize(project)),
            try await store.organization(projectID: target.id)?.id == organization.id
        else { throw ManageError(.notFound, "Project '\(project)' does not belong to '\(organization.name)'.") }
        try await store.write { tx in
            if let kind {
                try await tx.setTeamRole(TeamRole(teamID: found.id, projectID: target.id, kind: kind))
            } else {
                try await tx.removeTeamRole(teamID: found.id, projectID: target.id)
            }
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: target.normalizedName, tag: "project:team:role", time: clock.now(),
                    details: ["organization": organization.name, "team": team, "role": kind?.rawValue ?? "none"]))
        }
    }

    /// Transfers a project into an organization (`nil`: out of its organization). The actor must
    /// be an Owner of the project and, for a destination, an Owner of that organization.
    public func transfer(project name: String, to organizationName: String?, by actor: User) async throws {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "transfer the project")
        let project = managed.project
        var destination: Organization?
        if let organizationName {
            destination = try await load(organizationName, actor: actor, allowed: [.owner]).0
        }
        let current = try await store.organization(projectID: project.id)
        guard current?.id != destination?.id else {
            throw ManageError(
                .conflict,
                destination.map { "The project '\(project.name)' already belongs to '\($0.name)'." }
                    ?? "The project '\(project.name)' does not belong to an organization.")
        }
        var actions: [String] = []
        if let current { actions.append("remove from organization \(current.normalizedName)") }
        if let destination { actions.append("add to organization \(destination.normalizedName)") }
        let now = clock.now()
        try await store.write { [destination, actions] tx in
            try await tx.setProjectOrganization(projectID: project.id, organizationID: destination?.id)
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project.normalizedName, tag: "project:transfer", time: now,
                    details: ["organization": destination?.name ?? "none"]))
            for action in actions {
                _ = try await tx.appendJournal(
                    normalizedName: project.normalizedName, projectName: project.name, version: nil, action: action,
                    time: now, actor: actor.username)
            }
        }
    }

    /// The organizations `user` is a member of, with the role held in each, by name.
    public func memberships(of user: User) async throws -> [(Organization, OrganizationRole.Kind)] {
        var found: [(Organization, OrganizationRole.Kind)] = []
        for organization in try await store.organizations(userID: user.id) {
            let roles = try await store.organizationRoles(organizationID: organization.id)
            if let kind = roles.first(where: { $0.userID == user.id })?.kind { found.append((organization, kind)) }
        }
        return found
    }

    /// Enqueues the purge of `organization`'s page and the pages of `users` (``purgesCaches``).
    private func purge(_ organization: Organization, users: [String]) async throws {
        guard purgesCaches else { return }
        let keys = [SurrogateKeys.organization(organization.normalizedName)] + users.map(SurrogateKeys.user)
        try await store.enqueue(Job(kind: PurgeJobs.kind, payload: keys.joined(separator: "\n"), created: clock.now()))
    }

    private func load(_ name: String, actor: User, allowed: Set<OrganizationRole.Kind>) async throws
        -> (Organization, [OrganizationRole])
    {
        guard let organization = try await store.organization(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError(.notFound, "Organization '\(name)' does not exist.")
        }
        let roles = try await store.organizationRoles(organizationID: organization.id)
        guard let kind = roles.first(where: { $0.userID == actor.id })?.kind, allowed.contains(kind) else {
            throw ManageError(
                .forbidden,
                "The user '\(actor.username)' isn't allowed to do this in organization '\(organization.name)'.")
        }
        return (organization, roles)
    }

    private func user(_ username: String) async throws -> User {
        guard let user = try await store.user(username: username) else {
            throw ManageError(.notFound, "User '\(username)' does not exist.")
        }
        return user
    }

    private func teamNamed(_ name: String, in organization: Organization) async throws -> Team {
        guard let team = try await store.teams(organizationID: organization.id).first(where: { $0.name == name }) else {
            throw ManageError(.notFound, "Team '\(name)' does not exist in '\(organization.name)'.")
        }
        return team
    }

    private func event(_ actor: User, _ tag: String, _ details: [String: String]) -> SecurityEvent {
        SecurityEvent(userID: actor.id, tag: tag, time: clock.now(), details: details)
    }
}
