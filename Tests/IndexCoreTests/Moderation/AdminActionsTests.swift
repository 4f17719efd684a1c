import IndexCore
import IndexTesting
import Testing

/// A project `demo` (alice Owner, bob Maintainer), carol with no role, and dave, a moderator.
struct ModerationFixture: Sendable {
    let manage: ManageFixture
    let dave: User

    init() async throws {
        manage = try await ManageFixture()
        dave = try await manage.store.write { [carol = manage.carol] tx in
            var carol = carol
            carol.emailVerified = true
            try await tx.updateUser(carol)
            var dave = try await tx.createUser(
                username: "dave", email: "d@example.org", passwordHash: "", created: Timestamp(secondsSinceEpoch: 0))
            dave.siteRole = .moderator
            dave.emailVerified = true
            try await tx.updateUser(dave)
            return dave
        }
    }

    var store: InMemoryIndexStore { manage.store }
    var admin: AdminActions { AdminActions(store: store, clock: manage.upload.clock) }
    var report: ReportProject { ReportProject(store: store, clock: manage.upload.clock) }
    var alice: User { manage.upload.alice }
    var bob: User { manage.upload.bob }
    var carol: User {
        var carol = manage.carol
        carol.emailVerified = true
        return carol
    }

    func user(_ name: String) async throws -> User { try #require(try await store.user(username: name)) }

    /// Everything an admin action can change: the users, the projects' statuses and roles, the
    /// journal, the reserved names, the settings, the reports and the audit log.
    func snapshot() async throws -> String {
        var parts: [String] = []
        for name in ["alice", "bob", "carol", "dave"] { parts.append("\(try await store.user(username: name) as Any)") }
        let project = try await store.project(normalizedName: "demo")
        parts.append("\(project?.status as Any)")
        if let project { parts.append("\(try await store.roles(projectID: project.id).map(\.kind))") }
        parts.append("\(try await store.maxSerial())")
        parts.append("\(try await store.reservedName("demo") as Any)")
        for flag in InstanceFlag.allCases { parts.append("\(try await store.setting(flag.settingName) as Any)") }
        parts.append("\(try await store.observations(open: nil, limit: 100))")
        parts.append("\(try await store.adminLog(limit: 100))")
        return parts.joined(separator: "\n")
    }
}

@Suite struct AdminActionsTests {
    @Test func moderatorsQuarantineAndReleaseAndTheAuditLogAndJournalSaySo() async throws {
        let fixture = try await ModerationFixture()
        let dave = AdminActor.user(fixture.dave)
        let quarantined = try await fixture.admin.quarantine(project: "Demo", reason: "malware", by: dave)
        #expect(try await fixture.store.project(normalizedName: "demo")?.status == .quarantined)
        let entry = try #require(try await fixture.manage.lastEntry())
        #expect(entry.action == "quarantine project" && entry.actor == "dave" && entry.serial == quarantined.serial)
        await #expect(throws: ManageError(.conflict, "The project 'demo' is already quarantined.")) {
            try await fixture.admin.quarantine(project: "demo", by: dave)
        }
        // The owners cannot change it meanwhile.
        await #expect(throws: ManageError.self) {
            try await fixture.manage.yank.yank(project: "demo", version: "1.0", reason: "", by: fixture.alice)
        }
        _ = try await fixture.admin.release(project: "demo", by: dave)
        #expect(try await fixture.store.project(normalizedName: "demo")?.status == .active)
        let log = try await fixture.store.adminLog(limit: 10)
        #expect(log.map(\.action) == ["project:release", "project:quarantine"])
        #expect(log.allSatisfy { $0.actor == "dave" && $0.target == "demo" })
        #expect(log[1].details == ["reason": "malware"])
        let events = try await fixture.store.events(project: "demo", limit: 10).map(\.tag)
        #expect(events.prefix(2) == ["project:release", "project:quarantine"])
    }

    /// Every administrator-only action, tried by a moderator and by an account with no role:
    /// refused with 403's kind, and nothing at all changed (the audit log included).
    @Test func onlyAdministratorsAdministerAndARefusalChangesNothing() async throws {
        let fixture = try await ModerationFixture()
        let admin = fixture.admin
        for actor in [AdminActor.user(fixture.dave), .user(fixture.carol)] {
            let before = try await fixture.snapshot()
            let actions: [@Sendable () async throws -> Void] = [
                { try await admin.freeze(username: "bob", frozen: true, by: actor) },
                { try await admin.resetTwoFactor(username: "bob", by: actor) },
                { try await admin.verifyEmail(username: "carol", by: actor) },
                { try await admin.setSiteRole(username: "bob", role: .administrator, by: actor) },
                { _ = try await admin.deleteProject(project: "demo", by: actor) },
                { _ = try await admin.transfer(project: "demo", to: "carol", by: actor) },
                { try await admin.prohibitName("evil", by: actor) },
                { try await admin.allowName("demo", by: actor) },
                { try await admin.setFlag(.disallowUploads, on: true, by: actor) },
            ]
            for action in actions {
                let error = await #expect(throws: ManageError.self) { try await action() }
                #expect(error?.kind == .forbidden)
                #expect(error?.message == "The user '\(actor.username)' isn't an administrator.")
            }
            await #expect(throws: ManageError(.forbidden, "The user 'carol' isn't a moderator or administrator.")) {
                try await admin.quarantine(project: "demo", by: .user(fixture.carol))
            }
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func administratorsManageAccounts() async throws {
        let fixture = try await ModerationFixture()
        let admin = fixture.admin
        let cli = AdminActor.commandLine
        try await fixture.store.write { [bob = fixture.bob] tx in
            var bob = bob
            bob.totpSecret = "JBSWY3DPEHPK3PXP"
            try await tx.updateUser(bob)
            try await tx.replaceRecoveryCodes(userID: bob.id, hashes: ["h1", "h2"])
            try await tx.saveSession(
                WebSession(
                    idDigest: "s", userID: bob.id, created: Timestamp(secondsSinceEpoch: 0),
                    expires: Timestamp(secondsSinceEpoch: 1e10), authenticated: Timestamp(secondsSinceEpoch: 0),
                    awaitingSecondFactor: false, csrfToken: "c"))
        }
        try await admin.freeze(username: "bob", frozen: true, by: cli)
        #expect(try await fixture.user("bob").isFrozen)
        #expect(try await fixture.store.session(idDigest: "s") == nil, "a frozen account's sessions end")
        await #expect(throws: ManageError(.conflict, "The user 'bob' is already frozen.")) {
            try await admin.freeze(username: "bob", frozen: true, by: cli)
        }
        try await admin.freeze(username: "bob", frozen: false, by: cli)
        #expect(try await !fixture.user("bob").isFrozen)
        try await admin.resetTwoFactor(username: "bob", by: cli)
        #expect(try await !fixture.user("bob").hasTwoFactor)
        #expect(try await fixture.store.recoveryCodes(userID: fixture.bob.id).isEmpty)
        await #expect(throws: ManageError(.conflict, "The user 'bob' has no second factor to reset.")) {
            try await admin.resetTwoFactor(username: "bob", by: cli)
        }
        try await fixture.store.write { [carol = fixture.carol] tx in
            var carol = carol
            carol.emailVerified = false
            try await tx.updateUser(carol)
        }
        try await admin.verifyEmail(username: "carol", by: cli)
        #expect(try await fixture.user("carol").emailVerified)
        try await admin.setSiteRole(username: "carol", role: .administrator, by: cli)
        let carol = try await fixture.user("carol")
        #expect(carol.siteRole == .administrator)
        await #expect(throws: ManageError(.forbidden, "You cannot change your own role.")) {
            try await admin.setSiteRole(username: "carol", role: .none, by: .user(carol))
        }
        await #expect(throws: ManageError(.notFound, "No user named 'nobody'.")) {
            try await admin.freeze(username: "nobody", frozen: true, by: cli)
        }
        let log = try await fixture.store.adminLog(limit: 10).reversed().map { "\($0.action) \($0.target)" }
        #expect(
            log == [
                "user:freeze bob", "user:unfreeze bob", "user:reset-2fa bob", "user:verify-email carol",
                "user:role carol",
            ])
        #expect(try await fixture.store.staff().map(\.username) == ["carol", "dave"])
        let tags = try await fixture.store.events(userID: fixture.bob.id, limit: 10).map(\.tag)
        #expect(tags.prefix(3) == ["account:reset-2fa", "account:unfreeze", "account:freeze"])
    }

    @Test func deletingProhibitsTheNameAndTransferLeavesOneOwner() async throws {
        let fixture = try await ModerationFixture()
        let admin = fixture.admin
        _ = try await admin.transfer(project: "demo", to: "carol", by: .commandLine)
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        let roles = try await fixture.store.roles(projectID: project.id)
        #expect(roles.map(\.userID) == [fixture.carol.id] && roles.map(\.kind) == [.owner])
        #expect(try await fixture.manage.lastEntry()?.action == "transfer project to carol")
        await #expect(throws: ManageError(.conflict, "'carol' is already the only Owner of 'demo'.")) {
            try await admin.transfer(project: "demo", to: "carol", by: .commandLine)
        }
        _ = try await admin.quarantine(project: "demo", by: .commandLine)
        let deleted = try await admin.deleteProject(project: "demo", by: .commandLine)
        #expect(deleted.unreferencedBlobPaths.count == 3)
        #expect(try await fixture.store.project(normalizedName: "demo") == nil)
        #expect(try await fixture.store.reservedName("demo")?.reason == .prohibited)
        #expect(try await fixture.manage.lastEntry()?.action == "remove project")
        try await admin.allowName("demo", by: .commandLine)
        #expect(try await fixture.store.reservedName("demo") == nil)
        await #expect(throws: ManageError(.notFound, "The name 'demo' is not prohibited or reserved.")) {
            try await admin.allowName("Demo", by: .commandLine)
        }
        try await admin.prohibitName("Evil_Name", comment: "squatting", by: .commandLine)
        #expect(try await fixture.store.reservedName("evil-name")?.comment == "squatting")
    }

    @Test func flagsRefuseUploadsNewProjectsAndRegistrations() async throws {
        let fixture = try await ModerationFixture()
        let upload = fixture.manage.upload
        try await fixture.admin.setFlag(.disallowNewProjects, on: true, by: .commandLine)
        await #expect(
            throws: UploadError(
                .forbidden,
                "New project registration temporarily disabled. See /help/#admin-intervention for more information.")
        ) {
            try await upload.uploadWheel(DistributionBuilder(name: "fresh"))
        }
        #expect(try await fixture.store.project(normalizedName: "fresh") == nil)
        // An existing project still takes uploads.
        _ = try await upload.uploadWheel(DistributionBuilder(version: "2.0"))
        try await fixture.admin.setFlag(.disallowUploads, on: true, by: .commandLine)
        await #expect(
            throws: UploadError(
                .forbidden, "New uploads are temporarily disabled. See /help/#admin-intervention for more information.")
        ) {
            try await upload.uploadWheel(DistributionBuilder(version: "3.0"))
        }
        #expect(try await fixture.manage.detail()?.releases.count == 2)
        try await fixture.admin.setFlag(.disallowUploads, on: false, by: .commandLine)
        _ = try await upload.uploadWheel(DistributionBuilder(version: "3.0"))
        #expect(try await InstanceFlag.disallowNewProjects.isOn(in: fixture.store))
        #expect(try await !InstanceFlag.disallowUploads.isOn(in: fixture.store))
        let log = try await fixture.store.adminLog(limit: 10).reversed().map {
            "\($0.target)=\($0.details["value"] ?? "")"
        }
        #expect(log == ["disallow-new-project-registration=on", "disallow-new-upload=on", "disallow-new-upload=off"])
    }
}

@Suite struct ReportProjectTests {
    @Test func aVerifiedAccountReportsOnceAndAModeratorResolves() async throws {
        let fixture = try await ModerationFixture()
        let report = try await fixture.report(
            project: "Demo", kind: "is_malware", summary: "  steals tokens in setup.py ",
            inspectorURL: "https://inspector.example/demo", by: fixture.carol, via: .form)
        #expect(report.id > 0 && report.project == "demo" && report.summary == "steals tokens in setup.py")
        #expect(try await fixture.store.observations(open: true, limit: 10) == [report])
        let before = try await fixture.snapshot()
        await #expect(
            throws: ManageError(.conflict, "You have already reported 'demo'; a moderator will look at your report.")
        ) {
            try await fixture.report(project: "demo", kind: "is_spam", summary: "again", by: fixture.carol, via: .form)
        }
        #expect(try await fixture.snapshot() == before)
        await #expect(throws: ManageError(.forbidden, "The user 'bob' isn't a moderator or administrator.")) {
            try await fixture.admin.resolve(report: report.id, resolution: .dismissed, by: .user(fixture.bob))
        }
        try await fixture.admin.resolve(report: report.id, resolution: .actioned, by: .user(fixture.dave))
        let resolved = try #require(try await fixture.store.observation(id: report.id))
        #expect(resolved.resolution == .actioned && resolved.resolvedBy == "dave" && !resolved.isOpen)
        #expect(try await fixture.store.observations(open: true, limit: 10).isEmpty)
        #expect(try await fixture.store.observations(open: false, limit: 10).map(\.id) == [report.id])
        await #expect(throws: ManageError(.conflict, "Report \(report.id) is already resolved.")) {
            try await fixture.admin.resolve(report: report.id, resolution: .dismissed, by: .user(fixture.dave))
        }
        await #expect(throws: ManageError(.notFound, "Report 999 does not exist.")) {
            try await fixture.admin.resolve(report: 999, resolution: .dismissed, by: .user(fixture.dave))
        }
        // Resolved, carol may report again.
        _ = try await fixture.report(project: "demo", kind: "is_spam", summary: "again", by: fixture.carol, via: .form)
    }

    @Test(arguments: [
        (
            "is_malware", "x", "", "api-role",
            ManageError(.forbidden, "The user 'carol' isn't allowed to submit observations.")
        ),
        (
            "is_bad", "x", "", "form",
            ManageError(
                .invalid,
                "Invalid observation kind 'is_bad': use one of is_malware, is_spam, is_dependency_confusion, something_else."
            )
        ),
        ("is_spam", "   ", "", "form", ManageError(.invalid, "Give a summary of what you observed.")),
        (
            "is_spam", String(repeating: "a", count: 2001), "", "form",
            ManageError(
                .invalid, "The summary is too long: at most 2000 characters.")
        ),
        (
            "is_spam", "x", "javascript:alert(1)", "form",
            ManageError(
                .invalid, "The inspector URL must be an http or https URL of at most 500 characters.")
        ),
        (
            "is_spam", "x", "", "unverified",
            ManageError(.forbidden, "Verify your email address before reporting a project.")
        ),
    ])
    func badReportsAreRefusedAndNothingIsStored(
        kind: String, summary: String, link: String, who: String, expected: ManageError
    ) async throws {
        let fixture = try await ModerationFixture()
        var reporter = fixture.carol
        if who == "unverified" { reporter.emailVerified = false } else { reporter.emailVerified = true }
        let channel: ReportProject.Channel = who == "api-role" ? .api : .form
        await #expect(throws: expected) {
            try await fixture.report(
                project: "demo", kind: kind, summary: summary, inspectorURL: link, by: reporter, via: channel)
        }
        #expect(try await fixture.store.observations(open: nil, limit: 10).isEmpty)
    }

    @Test func unknownProjectsAreNotFoundAndObserversUseTheAPI() async throws {
        let fixture = try await ModerationFixture()
        await #expect(throws: ManageError(.notFound, "Project 'nothing' does not exist.")) {
            try await fixture.report(project: "nothing", kind: "is_spam", summary: "x", by: fixture.dave, via: .api)
        }
        let report = try await fixture.report(
            project: "demo", kind: "is_dependency_confusion", summary: "shadows our private package", by: fixture.dave,
            via: .api)
        #expect(report.reporter == "dave" && report.kind == .dependencyConfusion)
        #expect(SiteRole(name: "none") == SiteRole.none && SiteRole(name: "") == nil && SiteRole(name: "root") == nil)
        #expect(SiteRole.observer < .moderator && SiteRole.moderator < .administrator && SiteRole.none < .observer)
    }
}
