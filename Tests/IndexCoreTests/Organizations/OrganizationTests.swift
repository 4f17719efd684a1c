import IndexCore
import IndexTesting
import PythonPackaging
import Testing

/// Organizations: team roles grant project rights, organization Owners own its projects,
/// Managers cannot touch Owners (TOB-PYPI26-8), a transfer drops the old teams' roles
/// (TOB-PYPI26-13).
@Suite struct OrganizationTests {
    private func seeded() async throws -> (UploadFixture, ManageOrganizations, carol: User) {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder())
        let clock = fixture.clock
        let carol = try await fixture.store.write { tx in
            try await tx.createVerifiedUser(username: "carol", email: "c@example.org", created: clock.now())
        }
        let organizations = ManageOrganizations(store: fixture.store, clock: fixture.clock)
        _ = try await organizations.create(name: "Acme", by: fixture.alice)
        try await organizations.transfer(project: "demo", to: "acme", by: fixture.alice)
        return (fixture, organizations, carol)
    }

    @Test func aTeamRoleLetsItsMembersUploadButNotDelete() async throws {
        let (fixture, organizations, _) = try await seeded()
        await #expect(throws: UploadError.self) {
            try await fixture.uploadWheel(DistributionBuilder(version: "2.0"), as: fixture.bob)
        }
        try await organizations.setMember(organization: "Acme", username: "bob", kind: .member, by: fixture.alice)
        _ = try await organizations.createTeam(organization: "Acme", team: "release", by: fixture.alice)
        try await organizations.setTeamMember(
            organization: "Acme", team: "release", username: "bob", remove: false, by: fixture.alice)
        try await organizations.setTeamRole(
            organization: "Acme", team: "release", project: "demo", kind: .maintainer, by: fixture.alice)
        #expect(try await fixture.uploadWheel(DistributionBuilder(version: "2.0"), as: fixture.bob).file != nil)
        let error = await #expect(throws: ManageError.self) {
            try await DeleteRelease(store: fixture.store, clock: fixture.clock)(
                project: "demo", version: "2.0", by: fixture.bob)
        }
        #expect(error?.kind == .forbidden)
    }

    @Test func organizationOwnersOwnItsProjects() async throws {
        let (fixture, organizations, carol) = try await seeded()
        try await organizations.setMember(organization: "Acme", username: "carol", kind: .owner, by: fixture.alice)
        _ = try await YankRelease(store: fixture.store, clock: fixture.clock).yank(
            project: "demo", version: "1.0", by: carol)
        #expect(try await fixture.store.projectDetail(normalizedName: "demo")?.releases.first?.yanked == true)
    }

    @Test func managersCannotTouchOwners() async throws {
        let (fixture, organizations, carol) = try await seeded()
        try await organizations.setMember(organization: "Acme", username: "carol", kind: .manager, by: fixture.alice)
        for kind in [OrganizationRole.Kind.owner, .manager] {
            let error = await #expect(throws: ManageError.self) {
                try await organizations.setMember(organization: "Acme", username: "bob", kind: kind, by: carol)
            }
            #expect(error?.kind == .forbidden)
        }
        let demote = await #expect(throws: ManageError.self) {
            try await organizations.setMember(organization: "Acme", username: "alice", kind: .member, by: carol)
        }
        #expect(demote?.kind == .forbidden)
        try await organizations.setMember(organization: "Acme", username: "bob", kind: .member, by: carol)
        let roles = try await fixture.store.organizationRoles(
            organizationID: try #require(try await fixture.store.organization(normalizedName: "acme")).id)
        #expect(roles.map(\.kind) == [.owner, .member, .manager])
        let last = await #expect(throws: ManageError.self) {
            try await organizations.removeMember(organization: "Acme", username: "alice", by: fixture.alice)
        }
        #expect(last?.message == "An organization must have at least one Owner.")
    }

    @Test func aTransferDropsTheOldTeamsRoles() async throws {
        let (fixture, organizations, carol) = try await seeded()
        try await organizations.setMember(organization: "Acme", username: "bob", kind: .member, by: fixture.alice)
        _ = try await organizations.createTeam(organization: "Acme", team: "release", by: fixture.alice)
        try await organizations.setTeamMember(
            organization: "Acme", team: "release", username: "bob", remove: false, by: fixture.alice)
        try await organizations.setTeamRole(
            organization: "Acme", team: "release", project: "demo", kind: .owner, by: fixture.alice)
        _ = try await organizations.create(name: "Other", by: fixture.alice)
        try await organizations.transfer(project: "demo", to: "Other", by: fixture.alice)
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        #expect(try await fixture.store.teamRoles(projectID: project.id).isEmpty)
        await #expect(throws: UploadError.self) {
            try await fixture.uploadWheel(DistributionBuilder(version: "3.0"), as: fixture.bob)
        }
        let outsider = await #expect(throws: ManageError.self) {
            try await organizations.transfer(project: "demo", to: "Acme", by: carol)
        }
        #expect(outsider?.kind == .forbidden)
    }
}
