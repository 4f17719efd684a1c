import Synchronization

/// Purges from the outbox. Each journal entry is followed once, in the same transaction that
/// enqueues the purge of the keys it alters (``SurrogateKeys/purged(by:)``) and moves the
/// cursor past it, so no change is missed or purged twice, whichever node follows, and a purge
/// that fails is retried by the ``JobRunner`` with its backoff.
public final class PurgeJobs: Sendable {
    /// The kind of purge jobs in the outbox.
    public static let kind = "purge"
    /// The setting holding the last journal serial turned into purges.
    static let cursor = "purge_serial"

    let store: any IndexStore
    let clock: any IndexClock
    /// The cursor this follower last left (or found), to skip the write transaction while the
    /// journal has nothing newer: `follow` runs every second on every node.
    private let followedUpTo = Mutex<Int64>(-1)

    /// Purge jobs of `store`'s journal.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Enqueues the purges of the journal entries not followed yet (at most `limit`, as one
    /// job); returns how many entries it followed. The first call starts at the newest serial:
    /// pages cached before purging was set up are not purged.
    @discardableResult
    public func follow(limit: Int = 1_000) async throws -> Int {
        let newest = try await store.maxSerial()
        if newest <= followedUpTo.withLock({ $0 }) { return 0 }
        let (count, cursor) = try await store.write { transaction -> (Int, Int64) in
            guard let stored = try await transaction.setting(Self.cursor), let cursor = Int64(stored) else {
                try await transaction.setSetting(Self.cursor, to: String(newest))
                return (0, newest)
            }
            let entries = try await store.journal(after: cursor, limit: limit)
            guard let last = entries.last else { return (0, cursor) }
            let keys = SurrogateKeys.purged(by: entries)
            try await store.enqueue(Job(kind: Self.kind, payload: keys.joined(separator: "\n"), created: clock.now()))
            try await transaction.setSetting(Self.cursor, to: String(last.serial))
            return (entries.count, last.serial)
        }
        followedUpTo.withLock { $0 = max($0, cursor) }
        return count
    }

    /// The handler of purge jobs: the job's keys to `purger`.
    public static func handler(purging purger: any Purger) -> JobRunner.Handler {
        { job in
            let keys = job.payload.split(separator: "\n").map(String.init)
            guard !keys.isEmpty else { return }
            try await purger.purge(keys: keys)
        }
    }
}
