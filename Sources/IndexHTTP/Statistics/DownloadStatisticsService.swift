import IndexCore
import Logging
import ServiceLifecycle

/// Writes the ``DownloadTally``'s counts to the store every ``flushInterval`` seconds (at once
/// when it is overloaded, and once more at a graceful shutdown, after the listener has finished
/// its requests), and prunes the days older than ``retentionDays`` once a day. A write that
/// fails keeps its counts for the next one; counts dropped under overload are logged and
/// counted (`cheeseshop_download_counts_dropped_total`), never silently.
struct DownloadStatisticsService: Service {
    let tally: DownloadTally
    let store: any DownloadStatisticsStore
    let clock: any IndexClock
    let flushInterval: Double
    /// Days of counts kept (`nil`: all).
    let retentionDays: Int?
    let logger: Logger
    let metrics: ServerMetrics

    func run() async {
        await cancelWhenGracefulShutdown {
            var lastFlush = clock.now().secondsSinceEpoch
            var prunedDay = -1
            while !Task.isCancelled {
                // Short naps: an overloaded tally is written within a quarter of a second.
                try? await Task.sleep(for: .milliseconds(Int(min(flushInterval, 0.25) * 1000)))
                let now = clock.now().secondsSinceEpoch
                guard now - lastFlush >= flushInterval || tally.isOverloaded else { continue }
                lastFlush = now
                await flush()
                let today = Int(now / 86_400)
                if let retentionDays, today != prunedDay {
                    prunedDay = today
                    await prune(before: today - retentionDays + 1)
                }
            }
        }
        await flush()
    }

    /// Writes what the tally holds; on failure puts it back for the next write.
    func flush() async {
        let (counts, lost) = tally.take()
        if lost > 0 {
            metrics.downloadCountsDropped.increment(by: Int64(lost))
            logger.error(
                "Download counts were dropped: the store has not taken them and the tally is full.",
                metadata: ["dropped": "\(lost)"])
        }
        guard !counts.isEmpty else { return }
        do {
            try await store.addDownloads(counts)
            metrics.downloadCountsWritten.increment(by: Int64(counts.values.reduce(0, +)))
        } catch {
            tally.putBack(counts)
            logger.warning(
                "Download counts could not be written; they are kept for the next try.",
                metadata: ["rows": "\(counts.count)", "error": "\(error)"])
        }
    }

    private func prune(before day: Int) async {
        do {
            let rows = try await store.pruneDownloads(before: day)
            if rows > 0 {
                logger.info("Old download counts pruned.", metadata: ["rows": "\(rows)", "before_day": "\(day)"])
            }
        } catch {
            logger.warning("Old download counts could not be pruned.", metadata: ["error": "\(error)"])
        }
    }
}
