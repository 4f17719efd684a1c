import IndexCore
import IndexTesting
import Testing

@Suite struct UpstreamMergeTests {
    @Test func ownersTurnTheMergeOnAndOffAndTheJournalSaysSo() async throws {
        let fixture = try await ManageFixture()
        let merge = UpstreamMerge(store: fixture.store, clock: fixture.upload.clock)
        _ = try await merge(project: "Demo", merged: true, by: fixture.upload.alice)
        #expect(UpstreamMerge.names(try await fixture.store.setting(UpstreamMerge.settingName)) == ["demo"])
        #expect(try await fixture.lastEntry()?.action == "allow upstream merge")
        _ = try await merge(project: "demo", merged: false, by: fixture.upload.alice)
        #expect(UpstreamMerge.names(try await fixture.store.setting(UpstreamMerge.settingName)).isEmpty)
        #expect(try await fixture.lastEntry()?.action == "disallow upstream merge")
    }

    @Test func maintainersOthersAndUnknownProjectsAreRefusedAndNothingChanges() async throws {
        let fixture = try await ManageFixture()
        let merge = UpstreamMerge(store: fixture.store, clock: fixture.upload.clock)
        let before = try await fixture.lastEntry()
        for user in [fixture.upload.bob, fixture.carol] {
            await #expect(throws: ManageError.self) { _ = try await merge(project: "demo", merged: true, by: user) }
        }
        await #expect(throws: ManageError.self) {
            _ = try await merge(project: "nothing-here", merged: true, by: fixture.upload.alice)
        }
        #expect(try await fixture.store.setting(UpstreamMerge.settingName) == nil)
        #expect(try await fixture.lastEntry() == before)
    }
}
