import IndexCore
import Logging
import ServiceLifecycle
import Synchronization

/// Counts file downloads in memory and writes them to the store at most every
/// `flushInterval` seconds, from the request that finds the interval passed (never more than
/// one write at a time). A crash loses at most one interval of counts: they rank search
/// results, they are not a ledger.
final class DownloadCounter: Sendable {
    struct State {
        var pending: [String: Int] = [:]
        var lastFlush: Double?
        var flushing = false
    }

    let store: any IndexStore
    let clock: any IndexClock
    let flushInterval: Double
    let logger: Logger
    let state = Mutex(State())

    init(
        store: any IndexStore, clock: any IndexClock, flushInterval: Double = 10,
        logger: Logger = ServerObservability.none.logger
    ) {
        self.store = store
        self.clock = clock
        self.flushInterval = flushInterval
        self.logger = logger
    }

    /// Counts one download of `filename`; starts a flush when one is due.
    func count(_ filename: String) {
        let now = clock.now().secondsSinceEpoch
        let due = state.withLock { state -> Bool in
            state.pending[filename, default: 0] += 1
            if state.pending.count > 100_000 { state.pending.removeAll() }
            let last = state.lastFlush ?? now
            if state.lastFlush == nil { state.lastFlush = now }
            guard !state.flushing, now - last >= flushInterval else { return false }
            state.flushing = true
            return true
        }
        if due { Task { await flush() } }
    }

    /// Writes the pending counts (to the day of the clock's reading).
    func flush() async {
        let now = clock.now().secondsSinceEpoch
        let counts = state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
        do {
            if !counts.isEmpty { try await store.recordDownloads(counts, day: Int(now / 86_400)) }
        } catch {
            logger.warning(
                "Download counts could not be written; they are dropped.",
                metadata: ["files": "\(counts.count)", "error": "\(error)"])
        }
        state.withLock { state in
            state.flushing = false
            state.lastFlush = now
        }
    }
}

/// Writes the download counts still in memory when the server shuts down gracefully, after the
/// listener has finished its requests (a service of the application's own group, which stops
/// the server first).
struct DownloadCountsFlush: Service {
    let counter: DownloadCounter

    func run() async {
        do {
            try await gracefulShutdown()
        } catch {
            return  // Cancelled, not shut down: nothing to wait for.
        }
        await counter.flush()
    }
}
