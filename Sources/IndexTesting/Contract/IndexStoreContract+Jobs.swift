import IndexCore

extension IndexStoreContract {
    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + seconds)
    }

    /// The outbox: due order, leases, completion, retries, giving up.
    static func outbox(_ store: any IndexStore) async throws {
        try await expect(store.oldestPendingJob() == nil, "no job waits")
        try await store.enqueue(Job(kind: "mail", payload: "first", created: t0))
        try await store.enqueue(Job(kind: "mail", payload: "later", created: at(3), notBefore: at(100)))
        try await store.enqueue(Job(kind: "purge", payload: "second\nline", created: t0))
        try await expect(store.pendingJobs() == 3, "three jobs wait")
        try await expect(store.oldestPendingJob() == t0, "the oldest waiting job's time")
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
        try await expect(store.oldestPendingJob() == at(3), "nor count as the oldest")
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

extension IndexStoreContract {
    /// Journal entries become purge jobs once each, with followers on many tasks (nodes) while
    /// writers append: a deployment setting read and written in a write transaction.
    static func purgesFollowTheJournal(_ store: any IndexStore) async throws {
        try await store.write { try await $0.setSetting("probe", to: "one") }
        try await store.write { try await $0.setSetting("probe", to: "two") }
        try await expect(store.write { try await $0.setting("probe") } == "two", "a setting is replaced")
        try await expect(store.write { try await $0.setting("absent") } == nil, "an unset setting is nil")
        func append(_ index: Int) async throws {
            _ = try await store.write { transaction in
                try await transaction.appendJournal(
                    normalizedName: "purged-\(index)", projectName: "Purged.\(index)", version: nil, action: "create",
                    time: t0, actor: nil)
            }
        }
        try await append(0)
        let purges = PurgeJobs(store: store, clock: FixedClock(t0))
        try await expect(purges.follow() == 0, "the first follow starts at the newest serial")
        try await expect(store.pendingJobs() == 0, "and purges nothing from before")
        let followed = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for index in 1...20 { try await append(index) }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var total = 0
                    for _ in 0..<15 { total += try await purges.follow(limit: 4) }
                    return total
                }
            }
            var total = try await group.reduce(0, +)
            while true {
                let more = try await purges.follow(limit: 4)
                if more == 0 { return total }
                total += more
            }
        }
        try expect(followed == 20, "each of 20 entries followed once: \(followed)")
        var keys: [String] = []
        while let job = try await store.claim(now: t0, lease: 60) {
            try expect(job.job.kind == PurgeJobs.kind, "a purge job")
            keys += job.job.payload.split(separator: "\n").map(String.init)
            try await store.complete(job.id)
        }
        let projects = Set(keys.filter { $0.hasPrefix("project/") })
        try expect(
            projects == Set((1...20).map { "project/purged-\($0)" }),
            "the jobs name each changed project: \(projects.sorted().prefix(3))...")
        try expect(keys.contains(SurrogateKeys.allProjects), "and the simple index")
    }
}
