import IndexCore
import PythonPackaging

extension ReadModel {
    /// Applies every journal entry after the model's serial: each drops its project's pages and
    /// the home page, and moves `/simple/` along (``SimpleRoot``); a removal also drops the known
    /// files. Entries applied twice (two catch-ups at
    /// once) change nothing more. A failure leaves the model where it was, to retry at the next
    /// interval (not at the next request: with the database down, every request would wait on it).
    func catchUp() async {
        do {
            let applied = state.withLock { $0.applied }
            guard var serial = applied else {
                let start = try await store.maxSerial()
                state.withLock { state in
                    if state.applied == nil { state.applied = start }
                }
                journalRead()
                return
            }
            while true {
                let entries = try await store.journal(after: serial, limit: 1_000)
                apply(entries)
                guard let last = entries.last, entries.count == 1_000 else { break }
                serial = last.serial
            }
            journalRead()
            await simpleRoot.follow(to: self.serial)
        } catch {
            // Tried again after refreshInterval, as set by refreshIfDue; logged once per outage.
            let first = state.withLock { state in
                defer { state.journalFailing = true }
                return !state.journalFailing
            }
            if first {
                logger.warning(
                    "The journal cannot be read; pages are answered from memory until it can.",
                    metadata: ["error": "\(error)"])
            }
        }
    }

    /// After a successful read of the journal: the serial for metrics, and the end of an outage.
    private func journalRead() {
        let (serial, recovered) = state.withLock { state in
            defer { state.journalFailing = false }
            return (state.applied ?? 0, state.journalFailing)
        }
        metrics.journalApplied(serial)
        if recovered { logger.notice("The journal is read again.", metadata: ["serial": "\(serial)"]) }
    }

    /// Catches up when the last look at the journal is older than ``refreshInterval`` (one
    /// request at a time does it; the others go on with what the model has).
    func refreshIfDue() async {
        let now = clock.now().secondsSinceEpoch
        guard state.withLock({ $0.journalCheck.claim(now: now, interval: refreshInterval) }) else { return }
        await catchUp()
        state.withLock { $0.journalCheck.finish() }
    }

    private func apply(_ entries: [JournalEntry]) {
        guard !entries.isEmpty else { return }
        state.withLock { state in
            for entry in entries {
                state.generation += 1
                let name = ProjectName.normalize(entry.projectName)
                if state.changed.count >= 1 << 16 {
                    state.changed.removeAll(keepingCapacity: true)
                    state.changedFloor = state.generation
                }
                state.changed[name] = state.generation
                state.proxied.removeValue(forKey: name)
                state.countsRendered.removeValue(forKey: name)
                if let dropped = state.pages.removeValue(forKey: name) {
                    state.cost -= dropped.values.reduce(0) { $0 + $1.cost }
                }
                // A removal or a quarantine (PEP 792: its files are no longer served) forgets the
                // files kept, so the next request for one asks the store again.
                if entry.action.hasPrefix("remove") || entry.action == "quarantine project" {
                    state.files.removeAll()
                    state.preparedFiles.removeAll()
                    state.preparedBytes = 0
                    state.lastRemoval = state.generation
                }
                state.applied = max(state.applied ?? entry.serial, entry.serial)
            }
            if let root = state.pages.removeValue(forKey: Self.rootKey) {
                state.cost -= root.values.reduce(0) { $0 + $1.cost }
            }
        }
    }
}
