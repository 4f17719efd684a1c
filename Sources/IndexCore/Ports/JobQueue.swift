/// The outbox: background work (e-mail first) written durably before anyone is told it will
/// happen, and run later by whichever node claims it (DESIGN.md §2). A claim holds a job for a
/// lease; a job is done when completed, and tried again after ``JobQueue/fail(_:error:retryAt:)``
/// or when its lease runs out (its node died). With many nodes, each job is claimed by one.
public protocol JobQueue: Sendable {
    /// Stores `job`, due at its ``Job/notBefore``.
    func enqueue(_ job: Job) async throws

    /// Claims the oldest due job that no live lease holds, until `now + lease` seconds, and
    /// counts the attempt; `nil` when none is due.
    func claim(now: Timestamp, lease: Double) async throws -> ClaimedJob?

    /// Removes a claimed job: it ran.
    func complete(_ id: Int64) async throws

    /// Releases a claimed job with the error it met, due again at `retryAt` (`nil`: never,
    /// it stays for the operator).
    func fail(_ id: Int64, error: String, retryAt: Timestamp?) async throws

    /// How many jobs wait (due or not, not given up).
    func pendingJobs() async throws -> Int

    /// When the oldest waiting job (due or not, not given up) was enqueued; `nil` when none waits.
    func oldestPendingJob() async throws -> Timestamp?
}

/// One piece of background work.
public struct Job: Hashable, Sendable {
    /// What runs it, e.g. `mail`.
    public var kind: String
    /// Its input, as the kind's handler reads it (JSON).
    public var payload: String
    /// When it was enqueued.
    public var created: Timestamp
    /// When it may first run.
    public var notBefore: Timestamp

    /// A job.
    public init(kind: String, payload: String, created: Timestamp, notBefore: Timestamp? = nil) {
        self.kind = kind
        self.payload = payload
        self.created = created
        self.notBefore = notBefore ?? created
    }
}

/// A job held by one claim.
public struct ClaimedJob: Hashable, Sendable {
    /// Its id in the queue.
    public var id: Int64
    /// The job.
    public var job: Job
    /// How many times it has been claimed, this claim included.
    public var attempts: Int

    /// A claimed job.
    public init(id: Int64, job: Job, attempts: Int) {
        self.id = id
        self.job = job
        self.attempts = attempts
    }
}
