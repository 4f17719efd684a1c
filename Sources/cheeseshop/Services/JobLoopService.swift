import IndexCore
import Logging
import ServiceLifecycle

/// The background job loop as a service: each round turns new journal entries into purge and
/// webhook jobs, then runs the jobs that are due (mail, purges, webhooks), once a second. On graceful shutdown it runs
/// one last round, after the server has finished its requests, so what they queued goes out.
struct JobLoopService: Service {
    let runner: JobRunner
    let purges: PurgeJobs?
    let webhooks: WebhookJobs?
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            failing = await round(failing: failing)
            try? await gracefulShutdown(orSleep: interval)
        }
        if !Task.isCancelled { _ = await round(failing: failing) }
    }

    /// One round; whether it failed (a failure is logged once, its end too).
    private func round(failing: Bool) async -> Bool {
        do {
            if let purges { _ = try await purges.follow() }
            if let webhooks { _ = try await webhooks.follow() }
            _ = try await runner.runDueJobs()
            if failing { logger.notice("Background jobs run again.") }
            return false
        } catch {
            if !failing {
                logger.warning(
                    "Background jobs cannot run (the database does not answer?); trying again each second.",
                    metadata: ["error": "\(error)"])
            }
            return true
        }
    }
}

/// Sleeps `duration`, or less when graceful shutdown begins.
func gracefulShutdown(orSleep duration: Duration) async throws {
    try await cancelWhenGracefulShutdown {
        try await Task.sleep(for: duration)
    }
}

/// Flushes the buffered log lines every quarter of a second; the last service to stop, so the
/// lines of the others' shutdown go out too.
struct LogFlushService: Service {
    let writer: LineWriter

    func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await gracefulShutdown(orSleep: .milliseconds(250))
            writer.flush()
        }
    }
}
