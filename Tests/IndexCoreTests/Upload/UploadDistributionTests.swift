import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct UploadDistributionTests {
    @Test func firstWheelCreatesProjectOwnerReleaseFileAndJournal() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder(name: "Demo.Pkg", version: "1.0")
        let wheel = builder.wheel()
        let result = try await fixture.upload(
            wheel, form: builder.form(), identity: UploadIdentity(user: fixture.alice))
        let file = try #require(result.file)
        #expect(result.warnings.isEmpty)
        let detail = try #require(try await fixture.store.projectDetail(normalizedName: "demo-pkg"))
        #expect(detail.project.name == "Demo.Pkg")
        #expect(detail.releases.map(\.version) == ["1.0"])
        #expect(detail.files == [file])
        #expect(file.upload.pythonVersion == "py3" && file.upload.size == wheel.bytes.count)
        let roles = try await fixture.store.roles(projectID: detail.project.id)
        #expect(roles == [Role(userID: fixture.alice.id, projectID: detail.project.id, kind: .owner)])
        #expect(
            try await fixture.journal() == [
                "create", "add Owner alice", "new release", "add py3 file demo_pkg-1.0-py3-none-any.whl",
            ])
        #expect(detail.project.lastSerial == 4)
        #expect(fixture.blobs.blob(at: file.upload.blobPath) == wheel.bytes)
        let metadata = try #require(fixture.blobs.blob(at: file.upload.blobPath + ".metadata"))
        #expect(metadata == builder.metadataFile)
        let metadataDigests = try #require(file.upload.metadataDigests)
        var hasher = DistributionHasher()
        hasher.update(metadata)
        #expect(metadataDigests.sha256 == hasher.finalize().sha256)
        #expect(fixture.blobs.stagedCount == 0)
    }

    /// A10: the index shows the dependencies installers will read, the wheel's, whatever the
    /// form said (a form without them, as older tools send, or with other ones).
    @Test(arguments: [[String: [String]](), ["requires_dist": ["other"], "requires_python": [">=3.6"]]])
    func wheelMetadataDependenciesAreIndexedOverTheForms(form edits: [String: [String]]) async throws {
        let fixture = try await UploadFixture()
        var builder = DistributionBuilder()
        builder.extraHeaders = ["Requires-Dist: evil (>=1.0)", "Requires-Python: >=3.9"]
        var form = DistributionBuilder().form()
        for (field, values) in edits { form[field] = values }
        let result = try await fixture.upload(
            builder.wheel(), form: form, identity: UploadIdentity(user: fixture.alice))
        #expect(result.file != nil)
        #expect(result.warnings.contains { $0.contains("the index shows the wheel's") })
        let release = try #require(try await fixture.store.projectDetail(normalizedName: "demo")?.releases.first)
        #expect(release.metadata.requiresDist == ["evil>=1.0"])
        #expect(release.metadata.requiresPython == ">=3.9")
    }

    @Test func secondFileJoinsTheReleaseWithOneJournalEntry() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        try await fixture.uploadWheel(builder)
        let sdist = builder.sdist()
        let result = try await fixture.upload(
            sdist, form: builder.form(filetype: "sdist", pyversion: "source"),
            identity: UploadIdentity(user: fixture.alice))
        let file = try #require(result.file)
        #expect(file.upload.packageType == .sdist)
        #expect(file.upload.metadataDigests == nil, "Metadata 2.1 sdists get no PEP 658 file")
        #expect(try await fixture.journal().suffix(1) == ["add source file demo-1.0.tar.gz"])
        #expect(try await fixture.store.projectDetail(normalizedName: "demo")?.releases.count == 1)
    }

    @Test func staticSdistMetadataIsServedAsPEP658File() async throws {
        let fixture = try await UploadFixture()
        var builder = DistributionBuilder()
        builder.metadataVersion = "2.2"
        let result = try await fixture.upload(
            builder.sdist(), form: builder.form(filetype: "sdist", pyversion: nil),
            identity: UploadIdentity(user: fixture.alice))
        let file = try #require(result.file)
        #expect(file.upload.pythonVersion == "source")
        #expect(file.upload.metadataDigests != nil)
        #expect(fixture.blobs.blob(at: file.upload.blobPath + ".metadata") == builder.metadataFile)
    }

    @Test func identicalReuploadIsANoOp() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        try await fixture.uploadWheel(builder)
        let before = fixture.store.counts()
        let result = try await fixture.uploadWheel(builder)
        #expect(result.file == nil)
        #expect(fixture.store.counts() == before)
        #expect(fixture.blobs.stagedCount == 0)
    }

    @Test func acceptedDeviationsComeBackAsWarnings() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        var form = builder.form()
        form["license_expression"] = ["MIT"]
        let result = try await fixture.upload(
            builder.wheel(), form: form, identity: UploadIdentity(user: fixture.alice))
        #expect(result.file != nil)
        #expect(!result.warnings.isEmpty)
    }

    @Test func maintainerMayUploadToAnExistingProject() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(version: "1.0"))
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        try await fixture.store.write { tx in
            try await tx.addRole(Role(userID: fixture.bob.id, projectID: project.id, kind: .maintainer))
        }
        let result = try await fixture.upload(
            DistributionBuilder(version: "2.0").wheel(), form: DistributionBuilder(version: "2.0").form(),
            identity: UploadIdentity(user: fixture.bob, projectScope: ["demo"]))
        #expect(result.file != nil)
        #expect(try await fixture.journal().suffix(2) == ["new release", "add py3 file demo-2.0-py3-none-any.whl"])
    }
}
