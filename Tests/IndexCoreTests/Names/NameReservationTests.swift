import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@Suite struct NameReservationTests {
    private func seeded() async throws -> UploadFixture {
        let fixture = try await UploadFixture()
        try await fixture.uploadWheel(DistributionBuilder())
        _ = try await DeleteProject(store: fixture.store, clock: fixture.clock)(project: "demo", by: fixture.alice)
        return fixture
    }

    @Test func aDeletedNameIsReservedForItsFormerOwnersDuringTheCooldown() async throws {
        let fixture = try await seeded()
        let counts = fixture.store.counts()
        let error = await #expect(throws: UploadError.self) {
            try await fixture.uploadWheel(DistributionBuilder(version: "2.0"), as: fixture.bob)
        }
        #expect(error?.kind == .invalid)
        #expect(error?.message.hasPrefix("The name 'demo' belonged to a project that was deleted recently") == true)
        #expect(fixture.store.counts() == counts)
        #expect(try await fixture.uploadWheel(DistributionBuilder(version: "2.0"), as: fixture.alice).file != nil)
    }

    @Test func theCooldownEnds() async throws {
        let fixture = try await seeded()
        fixture.clock.advance(by: NameReservationPolicy.deletedNameCooldown + 1)
        #expect(try await fixture.uploadWheel(DistributionBuilder(version: "2.0"), as: fixture.bob).file != nil)
    }

    @Test func aProhibitedNameIsRefusedToEveryone() async throws {
        let fixture = try await UploadFixture()
        try await fixture.store.write { tx in
            try await tx.reserveName(
                ReservedName(
                    normalizedName: "demo", reason: .prohibited, until: nil, comment: "", created: fixture.clock.now()))
        }
        let error = await #expect(throws: UploadError.self) { try await fixture.uploadWheel(DistributionBuilder()) }
        #expect(error?.message == "The name 'demo' isn't allowed. See /help/#project-name for more information.")
        #expect(fixture.store.counts().projects == 0)
    }
}
