import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct UploadConcurrencyTests {
    /// Runs `count` uploads at once; returns each outcome.
    private func race(
        _ fixture: UploadFixture, _ uploads: [@Sendable () async throws -> UploadResult]
    ) async -> [Result<UploadResult, UploadError>] {
        await withTaskGroup(of: Result<UploadResult, UploadError>?.self) { group in
            for upload in uploads {
                group.addTask {
                    do { return .success(try await upload()) } catch let error as UploadError {
                        return .failure(error)
                    } catch { return nil }
                }
            }
            var results: [Result<UploadResult, UploadError>] = []
            for await result in group { if let result { results.append(result) } }
            return results
        }
    }

    @Test func c01IdenticalUploadsStoreOneFile() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        let results = await race(fixture, Array(repeating: { try await fixture.uploadWheel(builder) }, count: 4))
        #expect(results.count == 4)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        #expect(fixture.store.counts().files == 1)
        #expect(fixture.store.counts().projects == 1)
    }

    @Test func c02SameFilenameDifferentBodiesOneWins() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(version: "0.1"))
        var other = DistributionBuilder()
        other.extraHeaders = ["Summary: other"]
        let results = await race(
            fixture,
            [
                { try await fixture.uploadWheel(DistributionBuilder()) },
                { [other] in try await fixture.uploadWheel(other) },
            ])
        let failures = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(failures.count == 1)
        #expect(failures.first?.message.hasPrefix("File already exists") == true)
        let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
        var hasher = DistributionHasher()
        hasher.update(try #require(fixture.blobs.blob(at: file.upload.blobPath)))
        #expect(hasher.finalize() == file.upload.digests)
    }

    @Test func c03TwoWheelsShareOneNewReleaseAndSecondSdistFails() async throws {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder(version: "0.1"))
        let builder = DistributionBuilder()
        let results = await race(
            fixture,
            [
                {
                    try await fixture.upload(
                        builder.wheel(tag: "py3-none-any"), form: builder.form(),
                        identity: UploadIdentity(user: fixture.alice))
                },
                {
                    try await fixture.upload(
                        builder.wheel(tag: "py2-none-any"), form: builder.form(pyversion: "py2"),
                        identity: UploadIdentity(user: fixture.alice))
                },
            ])
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        let detail = try #require(try await fixture.store.projectDetail(normalizedName: "demo"))
        #expect(detail.releases.count == 2)
        #expect(detail.files.count == 3)
    }

    /// The first uploads of a new project, different versions at once: the ones that find the
    /// project created by another since their first lookup go on as uploads to it (they were
    /// refused as "too similar" to themselves).
    @Test func c04VersionsOfOneNewProjectAtOnceAllLand() async throws {
        let fixture = try await UploadFixture()
        let uploads: [@Sendable () async throws -> UploadResult] = (0..<8).map { index in
            { try await fixture.uploadWheel(DistributionBuilder(version: "1.\(index)")) }
        }
        let results = await race(fixture, uploads)
        let failures = results.compactMap { if case .failure(let error) = $0 { error.message } else { nil } }
        #expect(failures.isEmpty, "\(failures)")
        #expect(fixture.store.counts().projects == 1)
        #expect(fixture.store.counts().files == 8)
    }

    @Test func c05TwoUsersCreatingOneProjectLeaveOneOwner() async throws {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder(name: "fresh")
        var bobs = builder
        bobs.extraHeaders = ["Summary: bob"]
        let results = await race(
            fixture,
            [
                { try await fixture.uploadWheel(builder) },
                { [bobs] in try await fixture.uploadWheel(bobs, as: fixture.bob) },
            ])
        let failures = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(failures.count == 1)
        #expect(failures.first?.kind == .forbidden || failures.first?.message.hasPrefix("File already exists") == true)
        let project = try #require(try await fixture.store.project(normalizedName: "fresh"))
        #expect(try await fixture.store.roles(projectID: project.id).count == 1)
        #expect(fixture.store.counts().files == 1)
    }
}
