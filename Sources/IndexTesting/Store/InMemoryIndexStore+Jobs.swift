import IndexCore

/// The outbox's rows in memory.
struct InMemoryOutbox: Sendable {
    struct Row: Sendable {
        var job: Job
        var notBefore: Timestamp?
        var claimedUntil: Timestamp?
        var attempts = 0
        var lastError: String?
    }

    var rows: [Int64: Row] = [:]
    var lastID: Int64 = 0
}

extension InMemoryIndexStore {
    public func enqueue(_ job: Job) async throws {
        outbox.withLock { outbox in
            outbox.lastID += 1
            outbox.rows[outbox.lastID] = InMemoryOutbox.Row(job: job, notBefore: job.notBefore)
        }
    }

    public func claim(now: Timestamp, lease: Double) async throws -> ClaimedJob? {
        outbox.withLock { outbox in
            let due = outbox.rows.filter { _, row in
                guard let notBefore = row.notBefore, notBefore <= now else { return false }
                return row.claimedUntil.map { $0 <= now } ?? true
            }
            guard let id = due.keys.min(), var row = outbox.rows[id] else { return nil }
            row.claimedUntil = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + lease)
            row.attempts += 1
            outbox.rows[id] = row
            return ClaimedJob(id: id, job: row.job, attempts: row.attempts)
        }
    }

    public func complete(_ id: Int64) async throws {
        _ = outbox.withLock { $0.rows.removeValue(forKey: id) }
    }

    public func fail(_ id: Int64, error: String, retryAt: Timestamp?) async throws {
        outbox.withLock { outbox in
            outbox.rows[id]?.claimedUntil = nil
            outbox.rows[id]?.notBefore = retryAt
            outbox.rows[id]?.lastError = error
        }
    }

    public func pendingJobs() async throws -> Int {
        outbox.withLock { $0.rows.values.filter { $0.notBefore != nil }.count }
    }

    public func oldestPendingJob() async throws -> Timestamp? {
        outbox.withLock { $0.rows.values.filter { $0.notBefore != nil }.map(\.job.created).min() }
    }
}
