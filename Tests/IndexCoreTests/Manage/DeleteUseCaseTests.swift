import IndexCore
import IndexTesting
import Testing

@Suite struct DeleteUseCaseTests {
    let wheel = "demo-1.0-py3-none-any.whl"

    @Test func deleteFileKeepsTheFilenameRegisteredAndTheBlobForTheReconciler() async throws {
        let fixture = try await ManageFixture()
        let file = try #require(try await fixture.store.file(filename: wheel))
        let result = try await DeleteFile(store: fixture.store, clock: fixture.upload.clock)(
            project: "demo", filename: wheel, by: fixture.upload.alice)
        #expect(result.unreferencedBlobPaths == [file.upload.blobPath, file.upload.blobPath + ".metadata"])
        #expect(try await fixture.store.file(filename: wheel) == nil)
        #expect(try await fixture.store.filenameWasUsed(wheel))
        #expect(fixture.upload.blobs.blob(at: file.upload.blobPath) != nil)
        let entry = try #require(try await fixture.lastEntry())
        #expect(entry.action == "remove file \(wheel)" && entry.version == "1.0" && entry.serial == result.serial)
        #expect(try await fixture.detail()?.files.map(\.filename) == ["demo-1.0.tar.gz"])
    }

    @Test func deleteReleaseRemovesItsFiles() async throws {
        let fixture = try await ManageFixture()
        let files = try #require(try await fixture.detail()?.files)
        let result = try await DeleteRelease(store: fixture.store, clock: fixture.upload.clock)(
            project: "Demo", version: "1.0", by: fixture.upload.alice)
        #expect(Set(result.unreferencedBlobPaths).isSuperset(of: files.map(\.upload.blobPath)))
        let detail = try #require(try await fixture.detail())
        #expect(detail.releases.isEmpty && detail.files.isEmpty)
        #expect(detail.project.lastSerial == result.serial)
        let entry = try #require(try await fixture.lastEntry())
        #expect(entry.action == "remove release" && entry.version == "1.0")
        #expect(try await fixture.store.filenameWasUsed("demo-1.0.tar.gz"))
    }

    @Test func deleteProjectRemovesEverythingButTheJournal() async throws {
        let fixture = try await ManageFixture()
        let before = try await fixture.store.maxSerial()
        let result = try await DeleteProject(store: fixture.store, clock: fixture.upload.clock)(
            project: "demo", by: fixture.upload.alice)
        #expect(result.serial == before + 1)
        #expect(result.unreferencedBlobPaths.count == 3, "wheel, its metadata file, sdist")
        #expect(try await fixture.detail() == nil)
        let entry = try #require(try await fixture.lastEntry())
        #expect(entry.action == "remove project" && entry.version == nil && entry.projectName == "demo")
        #expect(try await fixture.store.simpleIndex().projects.isEmpty)
    }

    @Test(arguments: ["bob", "carol"])
    func onlyOwnersDelete(username: String) async throws {
        let fixture = try await ManageFixture()
        let user = try #require(try await fixture.store.user(username: username))
        let (store, clock) = (fixture.store, fixture.upload.clock)
        let before = try await store.maxSerial()
        let message = { (what: String) in
            "The user '\(username)' isn't allowed to \(what) in project 'demo'. See /help/#project-roles for more information."
        }
        await #expect(throws: ManageError(.forbidden, message("delete files"))) {
            try await DeleteFile(store: store, clock: clock)(project: "demo", filename: wheel, by: user)
        }
        await #expect(throws: ManageError(.forbidden, message("delete releases"))) {
            try await DeleteRelease(store: store, clock: clock)(project: "demo", version: "1.0", by: user)
        }
        await #expect(throws: ManageError(.forbidden, message("delete the project"))) {
            try await DeleteProject(store: store, clock: clock)(project: "demo", by: user)
        }
        #expect(try await store.maxSerial() == before)
        #expect(try await fixture.detail()?.files.count == 2)
    }

    @Test func missingFileAndQuarantinedProjectAreRefused() async throws {
        let fixture = try await ManageFixture()
        let (store, clock, alice) = (fixture.store, fixture.upload.clock, fixture.upload.alice)
        await #expect(throws: ManageError(.notFound, "File 'nope.whl' of project 'demo' does not exist.")) {
            try await DeleteFile(store: store, clock: clock)(project: "demo", filename: "nope.whl", by: alice)
        }
        let project = try #require(try await store.project(normalizedName: "demo"))
        try await store.write { tx in try await tx.setStatus(.quarantined, projectID: project.id) }
        await #expect(throws: ManageError.self) {
            try await DeleteRelease(store: store, clock: clock)(project: "demo", version: "1.0", by: alice)
        }
        #expect(try await fixture.detail()?.releases.count == 1)
    }
}
