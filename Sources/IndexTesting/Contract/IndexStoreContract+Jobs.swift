import IndexCore

extension IndexStoreContract {
    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + seconds)
    }

    /// The outbox: due order, leases, completion, retries, giving up.
    static func outbox(_ store: any IndexStore) async throws {
        try await store.enqueue(Job(kind: "mail", payload: "first", created: t0))
        try await store.enqueue(Job(kind: "mail", payload: "later", created: t0, notBefore: at(100)))
        try await store.enqueue(Job(kind: "purge", payload: "second\nline", created: t0))
        try await expect(store.pendingJobs() == 3, "three jobs wait")
        let first = try await store.claim(now: at(1), lease: 60)
        try expect(first?.job.payload == "first" && first?.attempts == 1, "the oldest due job first")
        try expect(first?.job.created == t0 && first?.job.kind == "mail", "a job reads back")
        let second = try await store.claim(now: at(1), lease: 60)
        try expect(second?.job.payload == "second\nline", "a leased job is skipped")
        try await expect(store.claim(now: at(2), lease: 60) == nil, "nothing else is due")
        guard let first, let second else { return }
        try await store.complete(first.id)
        let again = try await store.claim(now: at(61), lease: 60)
        try expect(again?.id == second.id && again?.attempts == 2, "an expired lease frees the job")
        try await store.fail(second.id, error: "SMTP down", retryAt: at(200))
        let later = try await store.claim(now: at(150), lease: 60)
        try expect(later?.job.payload == "later", "a job is due at its time")
        let retried = try await store.claim(now: at(200), lease: 60)
        try expect(retried?.id == second.id && retried?.attempts == 3, "a failed job is tried again")
        try await store.fail(second.id, error: "gave up", retryAt: nil)
        try await expect(store.claim(now: at(10_000), lease: 60)?.id != second.id, "a given-up job stays put")
        try await expect(store.pendingJobs() == 1, "given-up and completed jobs do not wait")
    }

    /// Many claimers at once: every job is claimed exactly once.
    static func outboxClaimsOnce(_ store: any IndexStore) async throws {
        for index in 0..<40 {
            try await store.enqueue(Job(kind: "mail", payload: "job \(index)", created: t0))
        }
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var mine: [Int64] = []
                    while let job = try await store.claim(now: at(1), lease: 600) {
                        mine.append(job.id)
                        try await store.complete(job.id)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        try expect(claimed.count == 40 && Set(claimed).count == 40, "each of 40 jobs claimed once: \(claimed.count)")
        try await expect(store.pendingJobs() == 0, "all done")
    }
}
