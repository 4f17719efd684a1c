import IndexCore
import Synchronization

/// Counts file downloads and simple-page requests as they are answered, in memory, until
/// ``DownloadStatisticsService`` writes them (every few seconds). What a count is: the day, the
/// project, the file and version, and the client its User-Agent names (linehaul's rules).
///
/// Overload never drops counts silently: past ``softLimit`` rows a write is asked for at once;
/// past ``hardLimit`` (the store has been failing) new counts are dropped, counted in
/// ``dropped`` and logged by the service.
final class DownloadTally: Sendable {
    struct State {
        var pending: [DownloadKey: Int] = [:]
        var dropped = 0
        /// User-Agents read before (`nil`: ignored), forgotten when the cache is full.
        var clients: [String: DownloadClient?] = [:]
        /// Filenames read before: their project and version (`nil`: not a distribution).
        var files: [Substring: (project: String, version: String)?] = [:]
    }

    let clock: any IndexClock
    let softLimit: Int
    let hardLimit: Int
    /// Whether simple-page requests are counted too.
    let countsPages: Bool
    private let state = Mutex(State())
    /// Set when the soft limit is passed, cleared by ``take()``.
    private let overloaded = Atomic(false)

    init(clock: any IndexClock, countsPages: Bool = true, softLimit: Int = 50_000, hardLimit: Int = 1_000_000) {
        self.clock = clock
        self.countsPages = countsPages
        self.softLimit = softLimit
        self.hardLimit = hardLimit
    }

    /// Whether more rows wait than the soft limit (a write is due now).
    var isOverloaded: Bool { overloaded.load(ordering: .relaxed) }

    /// The header a cache or proxy in front sets on the requests it logs itself (its log is
    /// ingested with `cheeseshop stats ingest`), so that they are not counted twice.
    static let loggedByHeader = "X-Cheeseshop-Logged-By"

    /// Counts the request for `path` (without its query) answered with `status`, if it is a
    /// download or a page request: a `GET` of a file answered 200 (206 from its first byte; 302
    /// to the bucket), or of `/simple/<project>/` answered 200 or 304.
    func count(method: String, path: Substring, status: Int, range: String?, userAgent: String?) {
        guard method == "GET" else { return }
        if path.hasPrefix("/simple/") {
            guard countsPages, status == 200 || status == 304 else { return }
            let name = path.dropFirst(8).prefix { $0 != "/" }
            guard !name.isEmpty else { return }
            add(kind: .page, project: String(name), version: "", filename: "", userAgent: userAgent)
            return
        }
        guard path.hasPrefix("/packages/") || path.hasPrefix("/proxy/"), !path.hasSuffix(".metadata") else { return }
        switch status {
        case 200, 302: break
        case 206 where range?.hasPrefix("bytes=0-") ?? false: break
        default: return
        }
        let filename = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
        guard let file = distribution(filename) else { return }
        add(kind: .file, project: file.project, version: file.version, filename: String(filename), userAgent: userAgent)
    }

    /// Adds one count of a known project's file or page. A User-Agent seen before is found in the
    /// cache under the same lock as the count; a new one is parsed outside the lock.
    func add(kind: DownloadKind, project: String, version: String, filename: String, userAgent: String?) {
        let day = Int(clock.now().secondsSinceEpoch / 86_400)
        let agent = userAgent ?? ""
        func key(_ client: DownloadClient) -> DownloadKey {
            DownloadKey(day: day, kind: kind, project: project, version: version, filename: filename, client: client)
        }
        // nil: the agent is new.
        var wakeUp = state.withLock { state -> Bool? in
            guard let known = state.clients[agent] else { return nil }
            return known.map { tally(key($0), in: &state) } ?? false
        }
        if wakeUp == nil {
            let parsed = UserAgentParser.countedClient(agent)
            wakeUp = state.withLock { state in
                // Kept for the next request with the same agent, unless it is long (bounded memory).
                if agent.utf8.count <= 1024 {
                    if state.clients.count >= 4096 { state.clients.removeAll(keepingCapacity: true) }
                    state.clients[agent] = parsed
                }
                return parsed.map { tally(key($0), in: &state) } ?? false
            }
        }
        if wakeUp == true { overloaded.store(true, ordering: .relaxed) }
    }

    /// Counts `key` (or, past the hard limit, a new key as dropped); whether the soft limit is passed.
    private func tally(_ key: DownloadKey, in state: inout State) -> Bool {
        if state.pending.count >= hardLimit, state.pending[key] == nil {
            state.dropped += 1
            return false
        }
        state.pending[key, default: 0] += 1
        return state.pending.count >= softLimit
    }

    /// The project and version of a distribution's filename.
    private func distribution(_ filename: Substring) -> (project: String, version: String)? {
        if let known = state.withLock({ $0.files[filename] }) { return known }
        let parsed = DownloadTarget.distribution(filename)
        state.withLock { state in
            if state.files.count >= 16_384 { state.files.removeAll(keepingCapacity: true) }
            state.files[filename] = parsed
        }
        return parsed
    }

    /// Takes the counts in memory and the number dropped since the last take.
    func take() -> (counts: [DownloadKey: Int], dropped: Int) {
        overloaded.store(false, ordering: .relaxed)
        return state.withLock { state in
            defer {
                state.pending = [:]
                state.dropped = 0
            }
            return (state.pending, state.dropped)
        }
    }

    /// Puts back counts that could not be written, to be written with the next ones.
    func putBack(_ counts: [DownloadKey: Int]) {
        state.withLock { state in
            for (key, count) in counts {
                if state.pending.count >= hardLimit, state.pending[key] == nil {
                    state.dropped += count
                } else {
                    state.pending[key, default: 0] += count
                }
            }
        }
    }
}
