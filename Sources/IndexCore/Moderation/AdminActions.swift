import PythonPackaging

/// Who runs an administrator's action: an account holding a site role (the admin pages, the
/// management API), or the operator at the command line, who is trusted as an administrator.
public struct AdminActor: Sendable, Hashable {
    /// The name written in the audit log, the journal and the security log.
    public var username: String
    /// The account, when it is one.
    public var userID: UserID?
    public var role: SiteRole

    /// An account acting with its own site role.
    public static func user(_ user: User) -> AdminActor {
        AdminActor(username: user.username, userID: user.id, role: user.siteRole)
    }

    /// The operator running `cheeseshop` on the server.
    public static let commandLine = AdminActor(username: "cli", userID: nil, role: .administrator)
}

/// What moderators and administrators do to accounts, projects, names, reports and the
/// instance's flags. Each action checks the actor's site role (moderators: reports and
/// quarantine; administrators: everything), changes what it changes and appends a line to the
/// audit log in the same transaction, so the log holds every action that happened and nothing
/// else. A refusal changes nothing.
public struct AdminActions: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use cases on their ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Refuses unless `actor` holds `role` or a higher one.
    public static func require(_ actor: AdminActor, _ role: SiteRole) throws(ManageError) {
        guard actor.role >= role else {
            throw ManageError(
                .forbidden,
                role == .administrator
                    ? "The user '\(actor.username)' isn't an administrator."
                    : "The user '\(actor.username)' isn't a moderator or administrator.")
        }
    }

    // MARK: Accounts

    /// Freezes an account (no login, no token, its sessions end) or unfreezes it.
    public func freeze(username: String, frozen: Bool, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        var user = try await account(username)
        guard user.isFrozen != frozen else {
            throw ManageError(.conflict, "The user '\(user.username)' is \(frozen ? "already" : "not") frozen.")
        }
        user.isFrozen = frozen
        try await change(user, actor: actor, action: frozen ? "user:freeze" : "user:unfreeze") { [user] tx in
            if frozen { try await tx.deleteSessions(userID: user.id) }
        }
    }

    /// Removes an account's second factor and recovery codes and ends its sessions (the owner lost
    /// their authenticator and proved who they are some other way).
    public func resetTwoFactor(username: String, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        var user = try await account(username)
        guard user.hasTwoFactor else {
            throw ManageError(.conflict, "The user '\(user.username)' has no second factor to reset.")
        }
        user.totpSecret = nil
        user.totpLastCounter = nil
        try await change(user, actor: actor, action: "user:reset-2fa") { [user] tx in
            try await tx.replaceRecoveryCodes(userID: user.id, hashes: [])
            try await tx.deleteSessions(userID: user.id)
        }
    }

    /// Marks an account's address verified (the administrator checked it).
    public func verifyEmail(username: String, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        var user = try await account(username)
        guard !user.emailVerified else {
            throw ManageError(.conflict, "The address of '\(user.username)' is already verified.")
        }
        user.emailVerified = true
        try await change(user, actor: actor, action: "user:verify-email") { _ in }
    }

    /// Gives an account a site role (or takes it away with ``SiteRole/none``). Nobody changes
    /// their own role, so the last administrator cannot lock everyone out by mistake.
    public func setSiteRole(username: String, role: SiteRole, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        var user = try await account(username)
        guard user.id != actor.userID else { throw ManageError(.forbidden, "You cannot change your own role.") }
        guard user.siteRole != role else {
            throw ManageError(.conflict, "The user '\(user.username)' already has the role \(role.name).")
        }
        user.siteRole = role
        try await change(user, actor: actor, action: "user:role", details: ["role": role.name]) { _ in }
    }

    // MARK: Projects

    /// Quarantines a project (PEP 792): it leaves the simple pages, the files, the JSON API, the
    /// feeds and the export, and refuses every change, until it is released. Its owners still
    /// see it on their manage pages.
    public func quarantine(project name: String, reason: String = "", by actor: AdminActor) async throws
        -> ManageResult
    {
        try await setQuarantine(project: name, quarantined: true, reason: reason, by: actor)
    }

    /// Releases a quarantined project (back to active).
    public func release(project name: String, by actor: AdminActor) async throws -> ManageResult {
        try await setQuarantine(project: name, quarantined: false, reason: "", by: actor)
    }

    private func setQuarantine(project name: String, quarantined: Bool, reason: String, by actor: AdminActor)
        async throws -> ManageResult
    {
        try Self.require(actor, .moderator)
        let project = try await project(name)
        guard (project.status == .quarantined) != quarantined else {
            throw ManageError(
                .conflict,
                quarantined
                    ? "The project '\(project.name)' is already quarantined."
                    : "The project '\(project.name)' is not quarantined.")
        }
        let action = quarantined ? "quarantine project" : "release project from quarantine"
        var details: [String: String] = [:]
        if !reason.isEmpty { details["reason"] = reason }
        let serial = try await write(
            project, actor: actor, action: action, tag: quarantined ? "project:quarantine" : "project:release",
            details: details
        ) { tx in
            try await tx.setStatus(quarantined ? .quarantined : .active, projectID: project.id)
        }
        return ManageResult(serial: serial)
    }

    /// Deletes any project, quarantined ones included, and prohibits its name: an
    /// administrator removes malware for good. Returns the blob paths left unreferenced.
    public func deleteProject(project name: String, by actor: AdminActor) async throws -> ManageResult {
        try Self.require(actor, .administrator)
        guard let detail = try await store.projectDetail(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        let project = detail.project
        let now = clock.now()
        let reservation = ReservedName(
            normalizedName: project.normalizedName, reason: .prohibited, until: nil,
            comment: "deleted by the administrator \(actor.username)", created: now)
        let serial = try await write(project, actor: actor, action: "remove project", tag: "project:delete") { tx in
            try await tx.deleteProject(id: project.id)
            try await tx.deleteReservedName(project.normalizedName)
            try await tx.reserveName(reservation)
        }
        return ManageResult(serial: serial, unreferencedBlobPaths: ManagedProject.blobPaths(detail.files))
    }

    /// Makes `username` the project's only Owner: every other role on it ends (an abandoned
    /// project handed to a new maintainer, or a hijacked one handed back).
    public func transfer(project name: String, to username: String, by actor: AdminActor) async throws
        -> ManageResult
    {
        try Self.require(actor, .administrator)
        let project = try await project(name)
        let owner = try await account(username)
        let roles = try await store.roles(projectID: project.id)
        guard roles.count != 1 || roles[0].userID != owner.id || roles[0].kind != .owner else {
            throw ManageError(.conflict, "'\(owner.username)' is already the only Owner of '\(project.name)'.")
        }
        let serial = try await write(
            project, actor: actor, action: "transfer project to \(owner.username)", tag: "project:transfer",
            details: ["to": owner.username]
        ) { tx in
            for role in roles { try await tx.removeRole(userID: role.userID, projectID: project.id) }
            try await tx.addRole(Role(userID: owner.id, projectID: project.id, kind: .owner))
        }
        return ManageResult(serial: serial)
    }

    // MARK: Names and flags

    /// Refuses the name to every new project (an existing project keeps it).
    public func prohibitName(_ name: String, comment: String = "", by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        let normalized = ProjectName.normalize(name)
        guard !normalized.isEmpty else { throw ManageError(.invalid, "Give a project name.") }
        let reservation = ReservedName(
            normalizedName: normalized, reason: .prohibited, until: nil, comment: comment, created: clock.now())
        try await log(actor, "name:prohibit", normalized, comment.isEmpty ? [:] : ["comment": comment]) { tx in
            try await tx.deleteReservedName(normalized)
            try await tx.reserveName(reservation)
        }
    }

    /// Lifts a prohibition or a deleted project's cool-down.
    public func allowName(_ name: String, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        let normalized = ProjectName.normalize(name)
        guard try await store.reservedName(normalized) != nil else {
            throw ManageError(.notFound, "The name '\(normalized)' is not prohibited or reserved.")
        }
        try await log(actor, "name:allow", normalized) { tx in try await tx.deleteReservedName(normalized) }
    }

    /// Turns an instance flag on or off for every node.
    public func setFlag(_ flag: InstanceFlag, on: Bool, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        try await log(actor, "flag:set", flag.rawValue, ["value": on ? "on" : "off"]) { tx in
            try await tx.setSetting(flag.settingName, to: on ? "on" : "off")
        }
    }

    // MARK: Instance-wide webhooks

    /// Subscribes `url` to `events` of every project; the audit log names the subscription (not
    /// its URL, which may carry credentials).
    public func addWebhook(
        url: String, events: Set<WebhookEvent>, using webhooks: ManageWebhooks, by actor: AdminActor
    ) async throws -> WebhookSubscription {
        try Self.require(actor, .administrator)
        let made = try await webhooks.addInstanceWide(url: url, events: events, by: actor.username)
        try await log(
            actor, "webhook:add", String(made.id), ["events": events.map(\.rawValue).sorted().joined(separator: ",")]
        ) { _ in }
        return made
    }

    /// Removes an instance-wide subscription and its delivery log.
    public func removeWebhook(id: Int64, using webhooks: ManageWebhooks, by actor: AdminActor) async throws {
        try Self.require(actor, .administrator)
        try await webhooks.removeInstanceWide(id: id)
        try await log(actor, "webhook:remove", String(id)) { _ in }
    }

    // MARK: Reports

    /// Resolves an open report.
    public func resolve(report id: Int64, resolution: ObservationResolution, by actor: AdminActor) async throws {
        try Self.require(actor, .moderator)
        guard let report = try await store.observation(id: id) else {
            throw ManageError(.notFound, "Report \(id) does not exist.")
        }
        guard report.isOpen else { throw ManageError(.conflict, "Report \(id) is already resolved.") }
        let now = clock.now()
        try await log(actor, "report:\(resolution.rawValue)", String(id), ["project": report.project]) { tx in
            try await tx.resolveObservation(id: id, resolution: resolution, by: actor.username, at: now)
        }
    }

    // MARK: Helpers

    private func account(_ username: String) async throws -> User {
        guard let user = try await store.user(username: username) else {
            throw ManageError(.notFound, "No user named '\(username)'.")
        }
        return user
    }

    private func project(_ name: String) async throws -> Project {
        guard let project = try await store.project(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        return project
    }

    /// Runs `body` and appends the audit-log line in one transaction; a row that vanished meanwhile
    /// is not found.
    private func log(
        _ actor: AdminActor, _ action: String, _ target: String, _ details: [String: String] = [:],
        _ body: @escaping @Sendable (any IndexWriteTransaction) async throws -> Void
    ) async throws {
        let entry = AdminLogEntry(
            time: clock.now(), actor: actor.username, action: action, target: target, details: details)
        do {
            try await store.write { tx in
                try await body(tx)
                try await tx.appendAdminLog(entry)
            }
        } catch IndexStoreError.notFound(let what) {
            throw ManageError(.notFound, "Not found: \(what).")
        }
    }

    /// Saves a changed account, with a security event the account's owner sees and the audit line.
    private func change(
        _ user: User, actor: AdminActor, action: String, details: [String: String] = [:],
        _ body: @escaping @Sendable (any IndexWriteTransaction) async throws -> Void
    ) async throws {
        let now = clock.now()
        try await log(actor, action, user.username, details) { tx in
            try await tx.updateUser(user)
            try await body(tx)
            try await tx.appendEvent(
                SecurityEvent(
                    userID: user.id, tag: "account:\(action.dropFirst("user:".count))", time: now,
                    details: details.merging(["by": actor.username]) { first, _ in first }))
        }
    }

    /// A project action: `body`, the project's security event, the journal entry (so caches are
    /// purged and mirrors follow) and the audit line, in one transaction.
    private func write(
        _ project: Project, actor: AdminActor, action: String, tag: String, details: [String: String] = [:],
        _ body: @escaping @Sendable (any IndexWriteTransaction) async throws -> Void
    ) async throws -> Int64 {
        let now = clock.now()
        let entry = AdminLogEntry(
            time: now, actor: actor.username, action: tag, target: project.normalizedName, details: details)
        do {
            return try await store.write { tx in
                try await body(tx)
                try await tx.appendAdminLog(entry)
                if tag != "project:delete" {
                    try await tx.appendEvent(
                        SecurityEvent(
                            userID: actor.userID, project: project.normalizedName, tag: tag, time: now,
                            details: details.merging(["action": action, "by": actor.username]) { first, _ in first }))
                }
                return try await tx.appendJournal(
                    normalizedName: project.normalizedName, projectName: project.name, version: nil, action: action,
                    time: now, actor: actor.username)
            }
        } catch IndexStoreError.notFound {
            throw ManageError.projectNotFound(project.name)
        }
    }
}
