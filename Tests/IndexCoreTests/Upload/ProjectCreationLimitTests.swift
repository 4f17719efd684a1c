import IndexCore
import IndexTesting
import PythonPackaging
import Testing

/// AU01, second half: PyPI's project-creation limits (20 per hour per user, 40 per IP).
@Suite struct ProjectCreationLimitTests {
    private func create(_ fixture: UploadFixture, _ index: Int, as user: User, ip: String = "10.0.0.1") async throws {
        let builder = DistributionBuilder(name: "proj\(index)")
        _ = try await fixture.upload(
            builder.wheel(), form: builder.form(), identity: UploadIdentity(user: user, ip: ip))
    }

    @Test func the21stNewProjectInAnHourIsRefusedWith429() async throws {
        let fixture = try await UploadFixture()
        for index in 0..<20 { try await create(fixture, index, as: fixture.alice) }
        let counts = fixture.store.counts()
        let error = await #expect(throws: UploadError.self) { try await create(fixture, 20, as: fixture.alice) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.message == "Too many new projects created")
        #expect((error?.retryAfter ?? 0) > 0)
        #expect(fixture.store.counts() == counts, "no project row, nothing stored")
        #expect(fixture.blobs.stagedCount == 0)
        let more = DistributionBuilder(name: "proj0", version: "2.0")
        #expect(try await fixture.uploadWheel(more).file != nil, "new releases of existing projects are not limited")
        fixture.clock.advance(by: 3601)
        try await create(fixture, 20, as: fixture.alice)
    }

    @Test func anAddressIsLimitedAcrossUsers() async throws {
        let fixture = try await UploadFixture()
        for index in 0..<20 { try await create(fixture, index, as: fixture.alice) }
        for index in 20..<40 { try await create(fixture, index, as: fixture.bob) }
        let clock = fixture.clock
        let carol = try await fixture.store.write { tx in
            try await tx.createVerifiedUser(username: "carol", email: "c@example.org", created: clock.now())
        }
        let error = await #expect(throws: UploadError.self) { try await create(fixture, 40, as: carol) }
        #expect(error?.kind == .rateLimited)
        try await create(fixture, 40, as: carol, ip: "10.0.0.2")
    }
}
