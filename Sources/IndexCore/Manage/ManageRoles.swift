import PythonPackaging

/// Project roles (Warehouse's collaborator management): Owners invite users, who accept or
/// decline; Owners change and remove roles; a project always keeps at least one Owner.
/// Every change writes the journal (PyPI's `add Owner bob`, `remove Maintainer bob`...) and
/// the security log of the project and of both users.
public struct ManageRoles: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// How long an invitation stays open: 7 days.
    public static let invitationLifetime: Double = 7 * 86_400

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Invites `username` to take `kind` on the project (Owners only).
    public func invite(project name: String, username: String, kind: RoleKind, by actor: User, ip: String = "")
        async throws
    {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner], action: "invite collaborators")
        let project = managed.project
        guard let invitee = try await store.user(username: username) else {
            throw ManageError(.notFound, "User '\(username)' does not exist.")
        }
        guard try await !store.roles(projectID: project.id).contains(where: { $0.userID == invitee.id }) else {
            throw ManageError(.invalid, "User '\(username)' already has a role on project '\(project.name)'.")
        }
        let now = clock.now()
        let invitation = RoleInvitation(
            projectID: project.id, userID: invitee.id, kind: kind, inviterID: actor.id,
            expires: Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + Self.invitationLifetime))
        try await store.write { tx in
            try await tx.saveInvitation(invitation)
            let details = ["role": kind.rawValue, "target": invitee.username, "by": actor.username]
            for userID in [actor.id, invitee.id] {
                try await tx.appendEvent(
                    SecurityEvent(
                        userID: userID, project: project.normalizedName, tag: "project:role:invite", time: now, ip: ip,
                        details: details))
            }
        }
    }

    /// Accepts an open invitation: the role exists from now on.
    public func accept(project name: String, by user: User, ip: String = "") async throws -> ManageResult {
        let (project, invitation) = try await openInvitation(name, user: user)
        let now = clock.now()
        let serial = try await store.write { tx in
            try await tx.deleteInvitation(projectID: project.id, userID: user.id)
            try await tx.addRole(Role(userID: user.id, projectID: project.id, kind: invitation.kind))
            try await tx.appendEvent(
                SecurityEvent(
                    userID: user.id, project: project.normalizedName, tag: "project:role:add", time: now, ip: ip,
                    details: ["role": invitation.kind.rawValue, "target": user.username]))
            return try await tx.appendJournal(
                normalizedName: project.normalizedName, projectName: project.name, version: nil,
                action: "add \(invitation.kind.rawValue) \(user.username)", time: now, actor: user.username)
        }
        return ManageResult(serial: serial)
    }

    /// Declines an open invitation.
    public func decline(project name: String, by user: User) async throws {
        let (project, _) = try await openInvitation(name, user: user)
        try await store.write { tx in try await tx.deleteInvitation(projectID: project.id, userID: user.id) }
    }

    /// Changes a collaborator's role (Owners only); the last Owner cannot be demoted.
    public func change(project name: String, username: String, to kind: RoleKind, by actor: User, ip: String = "")
        async throws -> ManageResult
    {
        try await alter(name, username: username, by: actor, ip: ip, removing: false, kind: kind)
    }

    /// Removes a collaborator (Owners, or users removing themselves); the last Owner stays.
    public func remove(project name: String, username: String, by actor: User, ip: String = "") async throws
        -> ManageResult
    {
        try await alter(name, username: username, by: actor, ip: ip, removing: true, kind: nil)
    }

    private func alter(
        _ name: String, username: String, by actor: User, ip: String, removing: Bool, kind: RoleKind?
    ) async throws -> ManageResult {
        let selfRemoval = removing && username == actor.username
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: selfRemoval ? [.owner, .maintainer] : [.owner],
            action: "manage collaborators")
        let project = managed.project
        let roles = try await store.roles(projectID: project.id)
        guard let target = try await store.user(username: username),
            let role = roles.first(where: { $0.userID == target.id })
        else { throw ManageError(.notFound, "User '\(username)' has no role on project '\(project.name)'.") }
        let owners = roles.filter { $0.kind == .owner }
        if role.kind == .owner, owners.count == 1, removing || kind != .owner {
            throw ManageError(.invalid, "A project must have at least one Owner.")
        }
        let now = clock.now()
        let action =
            removing
            ? "remove \(role.kind.rawValue) \(username)"
            : "change \(role.kind.rawValue) \(username) to \(kind?.rawValue ?? "")"
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil, action: action,
            missing: ManageError(.notFound, "User '\(username)' has no role on project '\(project.name)'."),
            logsItself: true
        ) { tx in
            if removing {
                try await tx.removeRole(userID: target.id, projectID: project.id)
            } else if let kind {
                try await tx.changeRole(Role(userID: target.id, projectID: project.id, kind: kind))
            }
            for userID in Set([actor.id, target.id]) {
                try await tx.appendEvent(
                    SecurityEvent(
                        userID: userID, project: project.normalizedName,
                        tag: removing ? "project:role:remove" : "project:role:change", time: now, ip: ip,
                        details: [
                            "role": kind?.rawValue ?? role.kind.rawValue, "target": username, "by": actor.username,
                        ]))
            }
        }
        return ManageResult(serial: serial)
    }

    private func openInvitation(_ name: String, user: User) async throws -> (Project, RoleInvitation) {
        guard let project = try await store.project(normalizedName: ProjectName.normalize(name)),
            let invitation = try await store.invitations(userID: user.id).first(where: { $0.projectID == project.id }),
            invitation.expires > clock.now()
        else { throw ManageError(.notFound, "No open invitation to project '\(name)'.") }
        return (project, invitation)
    }
}
