import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct UploadRejectionTests {
    private func seeded() async throws -> UploadFixture {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        try await fixture.uploadWheel(builder)
        _ = try await fixture.upload(
            builder.sdist(), form: builder.form(filetype: "sdist", pyversion: "source"),
            identity: UploadIdentity(user: fixture.alice))
        return fixture
    }

    @Test(arguments: formRejections + metadataRejections + archiveRejections)
    func refusalStoresNothing(_ rejection: Rejection) async throws {
        let fixture = try await seeded()
        let counts = fixture.store.counts()
        let paths = fixture.blobs.paths
        let error = await #expect(throws: UploadError.self) { try await rejection.act(fixture) }
        #expect(error?.kind == rejection.kind)
        if rejection.message.hasSuffix(". ") {
            #expect(error?.message.hasPrefix(rejection.message) == true, "\(String(describing: error))")
        } else {
            #expect(error?.message == rejection.message)
        }
        #expect(fixture.store.counts() == counts)
        #expect(fixture.blobs.paths == paths)
        #expect(fixture.blobs.stagedCount == 0)
        if rejection.retries {
            let retried = try await fixture.uploadWheel(demo2)
            #expect(retried.file != nil)
        }
    }

    @Test func sameNameWithOtherContentAlreadyExists() async throws {
        let fixture = try await seeded()
        let counts = fixture.store.counts()
        var builder = DistributionBuilder()
        builder.extraHeaders = ["Summary: changed"]
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let blake2 = hasher.finalize().blake2b256
        let error = await #expect(throws: UploadError.self) {
            _ = try await fixture.upload(wheel, form: builder.form(), identity: UploadIdentity(user: fixture.alice))
        }
        #expect(
            error?.message
                == "File already exists ('demo-1.0-py3-none-any.whl', with blake2_256 hash '\(blake2)'). See /help/#file-name-reuse for more information."
        )
        #expect(fixture.store.counts() == counts)
    }

    @Test func deletedFilenameCannotBeReused() async throws {
        let fixture = try await seeded()
        let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
        try await fixture.store.write { tx in try await tx.deleteFile(id: file.id) }
        var builder = DistributionBuilder()
        builder.extraHeaders = ["Summary: again"]
        let error = await #expect(throws: UploadError.self) {
            _ = try await fixture.upload(
                builder.wheel(), form: builder.form(), identity: UploadIdentity(user: fixture.alice))
        }
        #expect(
            error?.message
                == "This filename was previously used by a file that has since been deleted. Use a different version. See /help/#file-name-reuse for more information."
        )
    }

    @Test func u05UppercaseHexDigestIsAccepted() async throws {
        let fixture = try await seeded()
        let wheel = demo2.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let result = try await fixture.upload(
            wheel, form: demo2.form(sha256: hasher.finalize().sha256.uppercased()),
            identity: UploadIdentity(user: fixture.alice))
        #expect(result.file != nil)
    }

    @Test func u14ProjectAboveItsSizeLimitIsRefused() async throws {
        var fixture = try await seeded()
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        let total = try await fixture.store.totalSize(projectID: project.id)
        fixture.limits.projectSize = total + demo2.wheel().bytes.count - 1
        let counts = fixture.store.counts()
        let paths = fixture.blobs.paths
        let error = await #expect(throws: UploadError.self) { try await fixture.uploadWheel(demo2) }
        #expect(error?.kind == .invalid)
        #expect(
            error?.message
                == "Project size too large. Limit for project 'demo' total size is 0 GB. See /help/#project-size-limit for more information."
        )
        #expect(fixture.store.counts() == counts)
        #expect(fixture.blobs.paths == paths)
        #expect(fixture.blobs.stagedCount == 0)
        fixture.limits.projectSize += 1
        #expect(try await fixture.uploadWheel(demo2).file != nil)
    }

    @Test func c04RecreatedProjectCannotReuseAnOldFilename() async throws {
        let fixture = try await seeded()
        _ = try await DeleteProject(store: fixture.store, clock: fixture.clock)(project: "demo", by: fixture.alice)
        try await fixture.uploadWheel(DistributionBuilder(version: "0.9"), as: fixture.alice)
        let counts = fixture.store.counts()
        let error = await #expect(throws: UploadError.self) {
            try await fixture.uploadWheel(DistributionBuilder(), as: fixture.alice)
        }
        #expect(error?.kind == .invalid)
        #expect(
            error?.message
                == "This filename was previously used by a file that has since been deleted. Use a different version. See /help/#file-name-reuse for more information."
        )
        #expect(fixture.store.counts() == counts)
        #expect(fixture.blobs.stagedCount == 0)
    }
}
