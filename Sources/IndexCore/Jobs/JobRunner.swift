import Logging

/// Runs the outbox's jobs: claims one due job at a time, hands it to the handler of its kind,
/// completes it, or records the failure and tries again later (1 minute, doubling up to 6 hours;
/// after ``maximumAttempts`` the job stays, given up, for the operator).
public struct JobRunner: Sendable {
    /// Runs one kind of job; throws when it should be tried again.
    public typealias Handler = @Sendable (Job) async throws -> Void

    let queue: any JobQueue
    let clock: any IndexClock
    let handlers: [String: Handler]
    /// How long a claim holds a job, in seconds.
    public var lease: Double = 300
    /// After this many failed attempts a job is given up.
    public var maximumAttempts = 12
    /// Where failed attempts are logged.
    public var logger = Logger(label: "cheeseshop.jobs", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Told of each failed attempt (for metrics).
    public var failed: (@Sendable (Job) -> Void)?
    /// Retry schedules of particular job kinds (e.g. webhooks, short and bounded); the other
    /// kinds use the backoff above and ``maximumAttempts``.
    public var retryPolicies: [String: RetryPolicy] = [:]

    /// A runner of `handlers` (by job kind) over `queue`.
    public init(queue: any JobQueue, clock: any IndexClock, handlers: [String: Handler]) {
        self.queue = queue
        self.clock = clock
        self.handlers = handlers
    }

    /// Runs due jobs until none is due; returns how many were claimed.
    @discardableResult
    public func runDueJobs() async throws -> Int {
        var claimed = 0
        while let job = try await queue.claim(now: clock.now(), lease: lease) {
            claimed += 1
            await run(job)
        }
        return claimed
    }

    private func run(_ claimed: ClaimedJob) async {
        do {
            guard let handler = handlers[claimed.job.kind] else {
                throw JobError("No handler for jobs of kind '\(claimed.job.kind)'.")
            }
            try await handler(claimed.job)
        } catch {
            failed?(claimed.job)
            let policy = retryPolicies[claimed.job.kind]
            let retry: Timestamp? =
                claimed.attempts >= (policy?.maximumAttempts ?? maximumAttempts)
                ? nil
                : Timestamp(
                    secondsSinceEpoch: clock.now().secondsSinceEpoch
                        + (policy?.backoff(claimed.attempts) ?? Self.backoff(claimed.attempts)))
            logger.warning(
                retry == nil ? "A background job failed and is given up." : "A background job failed; it will be tried again.",
                metadata: [
                    "kind": "\(claimed.job.kind)", "job": "\(claimed.id)", "attempts": "\(claimed.attempts)",
                    "retry_at": "\(retry.map { String($0.secondsSinceEpoch) } ?? "never")", "error": "\(error)",
                ])
            do {
                try await queue.fail(claimed.id, error: String(describing: error), retryAt: retry)
            } catch {
                // Its lease runs out and it is claimed again.
                logger.warning("A failed job could not be recorded.", metadata: ["job": "\(claimed.id)", "error": "\(error)"])
            }
            return
        }
        do {
            try await queue.complete(claimed.id)
        } catch {
            // Its lease runs out and it runs again: jobs are written to be run twice safely.
            logger.warning("A job that ran could not be completed.", metadata: ["job": "\(claimed.id)", "error": "\(error)"])
        }
    }

    /// Seconds before attempt `attempts + 1`: 60 doubling, at most 6 hours.
    static func backoff(_ attempts: Int) -> Double {
        min(60 * Double(1 << min(max(attempts - 1, 0), 20)), 6 * 3600)
    }
}

/// When a failed job of one kind is tried again: after `first` seconds, doubling up to
/// `maximum`, and given up after `maximumAttempts` attempts.
public struct RetryPolicy: Hashable, Sendable {
    public var first: Double
    public var maximum: Double
    public var maximumAttempts: Int

    /// A policy.
    public init(first: Double, maximum: Double, maximumAttempts: Int) {
        self.first = first
        self.maximum = maximum
        self.maximumAttempts = maximumAttempts
    }

    /// Seconds before attempt `attempts + 1`.
    public func backoff(_ attempts: Int) -> Double {
        min(first * Double(1 << min(max(attempts - 1, 0), 20)), maximum)
    }
}

/// A job that cannot run.
struct JobError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
