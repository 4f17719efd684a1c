import IndexTesting
import Synchronization
import Testing

@testable import IndexCore

/// A cache that records purges, refusing them while `down`.
final class RecordingPurger: Purger {
    let purged = Mutex<[[String]]>([])
    let down = Mutex(false)

    func purge(keys: [String]) async throws {
        if down.withLock({ $0 }) { throw CacheDown() }
        purged.withLock { $0.append(keys) }
    }

    struct CacheDown: Error {}
}

@Suite struct PurgeJobsTests {
    static func entry(_ serial: Int64, _ name: String, _ action: String) -> JournalEntry {
        JournalEntry(
            serial: serial, projectName: name, version: nil, action: action, time: FixedClock().now(), actor: nil)
    }

    @Test func aChangeAltersItsProjectTheIndexesAndTheHomePage() {
        #expect(
            SurrogateKeys.purged(by: [Self.entry(1, "Foo.Bar", "add py3 file foo_bar-1.0-py3-none-any.whl")])
                == ["project/foo-bar", "all-projects", "home", "search"])
        #expect(SurrogateKeys.purged(by: []) == [], "no change, no purge")
    }

    @Test func keysAreNamedOnceAndRoleChangesAlterTheUsersPage() {
        let keys = SurrogateKeys.purged(by: [
            Self.entry(1, "a", "create"), Self.entry(2, "A", "add Owner alice"),
            Self.entry(3, "b", "remove Maintainer bob"),
            Self.entry(4, "b", "new release"),
        ])
        #expect(keys == ["project/a", "user/alice", "project/b", "user/bob", "all-projects", "home", "search"])
        #expect(SurrogateKeys.roleChangeUsername("add py3 file Owner x") == nil)
        #expect(SurrogateKeys.roleChangeUsername("add Owner") == nil)
    }

    @Test func anUploadIsPurgedByTheRunnerAndAFailedPurgeIsRetried() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let purges = PurgeJobs(store: store, clock: clock)
        #expect(try await purges.follow() == 0, "the first look sets the cursor")
        _ = try await store.write { transaction in
            try await transaction.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: "1.0", action: "new release", time: clock.now(),
                actor: "alice")
        }
        let purger = RecordingPurger()
        purger.down.withLock { $0 = true }
        let runner = JobRunner(
            queue: store, clock: clock, handlers: [PurgeJobs.kind: PurgeJobs.handler(purging: purger)])
        #expect(try await purges.follow() == 1)
        #expect(try await purges.follow() == 0, "an entry is followed once")
        #expect(try await runner.runDueJobs() == 1)
        #expect(purger.purged.withLock { $0.isEmpty })
        #expect(try await store.pendingJobs() == 1, "the failed purge waits for its retry")
        purger.down.withLock { $0 = false }
        clock.advance(by: 61)
        #expect(try await runner.runDueJobs() == 1)
        #expect(purger.purged.withLock { $0 } == [["project/demo", "all-projects", "home", "search"]])
        #expect(try await store.pendingJobs() == 0)
    }
}
