import IndexCore
import IndexTesting
import Testing

/// A project `demo` 1.0 (wheel and sdist) uploaded by alice (Owner); bob is a Maintainer and
/// carol has no role.
struct ManageFixture: Sendable {
    let upload: UploadFixture
    let carol: User

    init() async throws {
        upload = try await UploadFixture()
        let builder = DistributionBuilder()
        try await upload.uploadWheel(builder)
        _ = try await upload.upload(
            builder.sdist(), form: builder.form(filetype: "sdist", pyversion: "source"),
            identity: UploadIdentity(user: upload.alice))
        let store = upload.store
        let (alice, bob) = (upload.alice, upload.bob)
        let project = try #require(try await store.project(normalizedName: "demo"))
        carol = try await store.write { tx in
            try await tx.addRole(Role(userID: bob.id, projectID: project.id, kind: .maintainer))
            _ = try await tx.appendJournal(
                normalizedName: "demo", projectName: "demo", version: nil, action: "add Maintainer bob",
                time: Timestamp(secondsSinceEpoch: 0), actor: alice.username)
            return try await tx.createUser(
                username: "carol", email: "c@example.org", passwordHash: "", created: Timestamp(secondsSinceEpoch: 0))
        }
    }

    var store: InMemoryIndexStore { upload.store }
    var yank: YankRelease { YankRelease(store: upload.store, clock: upload.clock) }

    func detail() async throws -> ProjectDetail? { try await store.projectDetail(normalizedName: "demo") }

    func lastEntry() async throws -> JournalEntry? { try await store.journal(after: 0, limit: 1000).last }
}

@Suite struct YankReleaseTests {
    @Test func ownerYanksWithReasonAndTheJournalSaysSo() async throws {
        let fixture = try await ManageFixture()
        let result = try await fixture.yank.yank(
            project: "Demo", version: "1.0.0", reason: "broken", by: fixture.upload.alice)
        let release = try #require(try await fixture.detail()?.releases.first)
        #expect(release.yanked && release.yankedReason == "broken")
        let entry = try #require(try await fixture.lastEntry())
        #expect(entry.action == "yank release" && entry.version == "1.0" && entry.actor == "alice")
        #expect(result.serial == entry.serial && result.unreferencedBlobPaths.isEmpty)
        #expect(try await fixture.detail()?.project.lastSerial == entry.serial)
    }

    @Test func maintainerMayYankAndUnyank() async throws {
        let fixture = try await ManageFixture()
        try await fixture.yank.yank(project: "demo", version: "1.0", by: fixture.upload.bob)
        #expect(try await fixture.detail()?.releases.first?.yanked == true)
        let result = try await fixture.yank.unyank(project: "demo", version: "1.0", by: fixture.upload.bob)
        let release = try #require(try await fixture.detail()?.releases.first)
        #expect(!release.yanked && release.yankedReason.isEmpty)
        let entry = try #require(try await fixture.lastEntry())
        #expect(entry.action == "unyank release" && entry.actor == "bob" && entry.serial == result.serial)
    }

    @Test func refusalsChangeNothing() async throws {
        let fixture = try await ManageFixture()
        let before = try await fixture.store.maxSerial()
        await #expect(
            throws: ManageError(
                .forbidden,
                "The user 'carol' isn't allowed to yank releases in project 'demo'. See /help/#project-roles for more information."
            )
        ) {
            try await fixture.yank.yank(project: "demo", version: "1.0", by: fixture.carol)
        }
        await #expect(throws: ManageError(.notFound, "Project 'nope' does not exist.")) {
            try await fixture.yank.yank(project: "nope", version: "1.0", by: fixture.upload.alice)
        }
        await #expect(throws: ManageError(.notFound, "Release '2.0' of project 'demo' does not exist.")) {
            try await fixture.yank.yank(project: "demo", version: "2.0", by: fixture.upload.alice)
        }
        #expect(try await fixture.store.maxSerial() == before)
        #expect(try await fixture.detail()?.releases.first?.yanked == false)
    }
}
