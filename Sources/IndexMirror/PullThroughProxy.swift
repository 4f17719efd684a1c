import Crypto
import Foundation
import IndexCore
import Logging
import PythonPackaging
import Synchronization

/// The pull-through proxy (``PackageProxy``): project pages fetched from the upstream indexes in
/// order (PEP 691 JSON preferred), kept for ``ProxyConfiguration/pageTTL`` in memory and in the
/// database (so a restart or another node answers them with the upstream down), revalidated with
/// `If-None-Match`; files fetched on first request and streamed to the client while they are
/// stored, their SHA-256 checked against the page, then served from the blob store.
///
/// Concurrent misses of one page, or of one file, make one upstream request. When no upstream
/// answers, the last page is answered, marked stale.
public final class PullThroughProxy: PackageProxy {
    /// What is known of one project's upstream page.
    struct Entry: Sendable {
        /// The page, `nil` when no upstream has the project.
        var page: UpstreamPage?
        /// The upstream it came from.
        var index: String?
        var etag: String?
        /// When upstream last confirmed it (seconds since the epoch).
        var fetched: Double
        /// When to ask again after an upstream failure.
        var retryAfter: Double = 0
        var version: UInt64
    }

    struct State {
        var entries: [String: Entry] = [:]
        var pageFlights: [String: Task<Entry?, any Error>] = [:]
        var pageFlightIDs: [String: UInt64] = [:]
        /// Until when an upstream that just failed is not asked (seconds since the epoch).
        var upstreamDown: [String: Double] = [:]
        var fileFlights: [String: FileFlight] = [:]
        /// PEP 658 metadata extracted from proxied wheels whose upstream served none: file
        /// SHA-256 to metadata SHA-256.
        var extractedMetadata: [String: String] = [:]
        var privateNames = PrivateNames(patterns: [])
        var privateNamesRead = -Double.infinity
        var nextVersion: UInt64 = 1
    }

    let configuration: ProxyConfiguration
    let policy: ProxyPolicy
    let store: any IndexStore
    let blobs: any BlobStore
    let clock: any IndexClock
    let upstream: any UpstreamFetching
    let logger: Logger
    let state = Mutex(State())
    /// How long after a failed upstream request a page is served stale before asking again.
    static let failureBackoff: Double = 10
    /// How long a request with a cached page waits for upstream before it is answered stale.
    static let staleAfter: Double = 2
    static let settingPrefix = "proxy-page:"

    public init(
        configuration: ProxyConfiguration, store: any IndexStore, blobs: any BlobStore, clock: any IndexClock,
        upstream: any UpstreamFetching, logger: Logger
    ) {
        self.configuration = configuration
        policy = ProxyPolicy(configuration)
        self.store = store
        self.blobs = blobs
        self.clock = clock
        self.upstream = upstream
        self.logger = logger
    }

    // MARK: Pages

    public func page(normalizedName name: String, urls: IndexURLs) async throws -> ProxiedPage? {
        guard try await mayFetch(name) else { return nil }
        let now = clock.now().secondsSinceEpoch
        var entry = try await entry(for: name)
        var stale = false
        if let known = entry, isFresh(known, now: now) {
            // Fresh: answered from memory.
        } else if let known = entry, now < known.retryAfter {
            stale = known.page != nil
        } else if let known = entry, known.page != nil {
            // A page to fall back on: upstream gets a short while, then the answer is stale and
            // the refresh goes on in the background.
            do {
                if let refreshed = try await refreshed(name, previous: known, within: Self.staleAfter) {
                    entry = refreshed
                } else {
                    stale = true
                }
            } catch {
                logger.debug(
                    "Upstream unavailable; answering the cached page.",
                    metadata: ["project": "\(name)", "error": "\(error)"])
                stale = true
            }
        } else {
            entry = try await refreshed(name, previous: entry, within: nil) ?? nil
        }
        guard let entry, let page = entry.page else { return nil }
        return render(page, name: name, entry: entry, urls: urls, stale: stale, now: now)
    }

    func isFresh(_ entry: Entry, now: Double) -> Bool {
        now < entry.fetched + (entry.page == nil ? configuration.negativeTTL : configuration.pageTTL)
    }

    /// Whether `name` may be asked of upstream: not private, allowed, not blocked.
    func mayFetch(_ name: String) async throws -> Bool {
        guard policy.permits(name) else { return false }
        return !(try await privateNames().contains(name))
    }

    /// The private name patterns, read from the database at most every few seconds.
    func privateNames() async throws -> PrivateNames {
        let now = clock.now().secondsSinceEpoch
        let cached = state.withLock { state in
            now < state.privateNamesRead + configuration.privateNamesRefresh ? state.privateNames : nil
        }
        if let cached { return cached }
        let names = PrivateNames(setting: try await store.setting(PrivateNames.settingName))
        state.withLock { state in
            state.privateNames = names
            state.privateNamesRead = now
        }
        return names
    }

    /// The entry of `name`: from memory, else from the database (kept by this or another node).
    func entry(for name: String) async throws -> Entry? {
        if let known = state.withLock({ $0.entries[name] }) { return known }
        guard let stored = try await store.setting(Self.settingPrefix + name), let entry = decode(stored) else {
            return nil
        }
        return state.withLock { state in
            if let raced = state.entries[name] { return raced }
            var entry = entry
            entry.version = state.nextVersion
            state.nextVersion += 1
            state.entries[name] = entry
            return entry
        }
    }

    /// The entry after asking upstream: one request at a time per project. With `within`, waits
    /// that many seconds at most: `nil` then means the answer is not in yet (the request goes on).
    func refreshed(_ name: String, previous: Entry?, within seconds: Double?) async throws -> Entry?? {
        let flight = state.withLock { state -> Task<Entry?, any Error> in
            if let running = state.pageFlights[name] { return running }
            let id = state.nextVersion
            state.nextVersion += 1
            let task = Task {
                defer {
                    self.state.withLock { state in
                        if state.pageFlightIDs[name] == id {
                            state.pageFlights.removeValue(forKey: name)
                            state.pageFlightIDs.removeValue(forKey: name)
                        }
                    }
                }
                do {
                    return try await self.fetch(name, previous: previous)
                } catch {
                    let retry = self.clock.now().secondsSinceEpoch + Self.failureBackoff
                    self.state.withLock { $0.entries[name]?.retryAfter = retry }
                    throw error
                }
            }
            state.pageFlights[name] = task
            state.pageFlightIDs[name] = id
            return task
        }
        guard let seconds else { return .some(try await flight.value) }
        // Not a task group: leaving one waits for its children, and awaiting a task's value
        // does not end on cancellation.
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Entry??, any Error>) in
            let once = ResumeOnce(continuation)
            Task {
                do {
                    once.resume(with: .success(.some(try await flight.value)))
                } catch {
                    once.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                once.resume(with: .success(.none))
            }
        }
    }

    /// Asks the upstreams in order; the first that has the project wins.
    private func fetch(_ name: String, previous: Entry?) async throws -> Entry? {
        var failure: (any Error)?
        for index in configuration.upstreams {
            let etag = previous?.index == index ? previous?.etag : nil
            let answer: UpstreamAnswer
            let asked = clock.now().secondsSinceEpoch
            if let until = state.withLock({ $0.upstreamDown[index] }), asked < until {
                // It failed a moment ago: not asked again for every project meanwhile.
                failure = failure ?? UpstreamError.unavailable(index)
                continue
            }
            do {
                answer = try await upstream.page(index: index, name: name, etag: etag)
            } catch {
                let until = clock.now().secondsSinceEpoch + Self.failureBackoff
                let first = state.withLock { state in
                    defer { state.upstreamDown[index] = until }
                    return state.upstreamDown[index] == nil
                }
                if first {
                    // Once per outage; cached pages are answered stale meanwhile.
                    logger.warning(
                        "An upstream index fails; cached pages are answered stale until it answers again.",
                        metadata: ["upstream": "\(index)", "error": "\(error)"])
                }
                failure = failure ?? error
                continue
            }
            if state.withLock({ $0.upstreamDown.removeValue(forKey: index) }) != nil {
                logger.notice("An upstream index answers again.", metadata: ["upstream": "\(index)"])
            }
            let now = clock.now().secondsSinceEpoch
            switch answer {
            case .notFound:
                continue
            case .notModified:
                guard var entry = previous else { continue }
                entry.fetched = now
                entry.retryAfter = 0
                state.withLock { $0.entries[name] = entry }
                return entry
            case .page(let body, let contentType, let etag, let url):
                let page = try UpstreamPage.parse(body, contentType: contentType, url: url)
                let entry = state.withLock { state -> Entry in
                    let entry = Entry(
                        page: page, index: index, etag: etag, fetched: now, version: state.nextVersion)
                    state.nextVersion += 1
                    state.entries[name] = entry
                    return entry
                }
                try await keep(name, body: body, contentType: contentType, url: url, index: index, etag: etag, now: now)
                return entry
            }
        }
        if let failure { throw failure }
        let now = clock.now().secondsSinceEpoch
        return state.withLock { state in
            let entry = Entry(page: nil, index: nil, etag: nil, fetched: now, version: state.nextVersion)
            state.nextVersion += 1
            // A negative answer is kept in memory only; a page once kept stays for stale answers.
            state.entries[name] = entry
            return entry
        }
    }

    /// Stores the page's body in the database, for restarts and other nodes.
    private func keep(
        _ name: String, body: [UInt8], contentType: String, url: String, index: String, etag: String?, now: Double
    ) async throws {
        var record: [String: Any] = [
            "index": index, "url": url, "type": contentType, "fetched": now,
            "body": String(decoding: body, as: UTF8.self),
        ]
        if let etag { record["etag"] = etag }
        let data = try JSONSerialization.data(withJSONObject: record)
        let text = String(decoding: data, as: UTF8.self)
        try await store.write { transaction in
            try await transaction.setSetting(Self.settingPrefix + name, to: text)
        }
    }

    private func decode(_ stored: String) -> Entry? {
        guard let record = try? JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any],
            let index = record["index"] as? String, let url = record["url"] as? String,
            let type = record["type"] as? String, let body = record["body"] as? String,
            let fetched = (record["fetched"] as? NSNumber)?.doubleValue,
            let page = try? UpstreamPage.parse(Array(body.utf8), contentType: type, url: url)
        else { return nil }
        return Entry(page: page, index: index, etag: record["etag"] as? String, fetched: fetched, version: 0)
    }

    /// The page as this index serves it: files without a SHA-256 left out (they could not be
    /// checked), files inside the cool-down hidden, links to this server.
    func render(_ upstream: UpstreamPage, name: String, entry: Entry, urls: IndexURLs, stale: Bool, now: Double)
        -> ProxiedPage
    {
        let cooldown = policy.cooldown(for: name)
        var freshUntil = entry.fetched + configuration.pageTTL
        if stale { freshUntil = now + Self.failureBackoff }
        let extracted = state.withLock { $0.extractedMetadata }
        var files: [SimpleProjectPage.File] = []
        var hiddenVersions: Set<String> = []
        var shownVersions: Set<String> = []
        for file in upstream.files {
            guard let sha256 = file.sha256 else { continue }
            let version = Self.version(of: file.filename)
            if let cooldown, let uploaded = file.uploadTime?.secondsSinceEpoch, uploaded > now - cooldown {
                freshUntil = min(freshUntil, uploaded + cooldown)
                if let version { hiddenVersions.insert(version) }
                continue
            }
            if let version { shownVersions.insert(version) }
            let metadata = file.hasCoreMetadata ? file.coreMetadataSHA256 : extracted[sha256]
            files.append(
                SimpleProjectPage.File(
                    filename: file.filename, url: urls.proxiedFile(sha256: sha256, filename: file.filename),
                    sha256: sha256, requiresPython: file.requiresPython, size: file.size, uploadTime: file.uploadTime,
                    yanked: file.yanked, coreMetadataSHA256: metadata))
        }
        let versions = (upstream.versions ?? Self.versions(of: upstream.files)).filter { version in
            let canonical = (try? Version(parsing: version).canonicalized) ?? version
            return !hiddenVersions.contains(canonical) || shownVersions.contains(canonical)
        }
        let page = SimpleProjectPage(
            name: name, status: upstream.status == .quarantined ? .active : upstream.status,
            statusReason: upstream.statusReason, versions: versions, files: files, lastSerial: upstream.lastSerial ?? 0)
        return ProxiedPage(
            page: page, stale: stale, freshUntil: freshUntil, version: entry.version &* 1_000 &+ UInt64(extracted.count)
        )
    }

    /// The version a distribution's filename names, if it parses.
    static func parsedVersion(of filename: String) -> Version? {
        if filename.hasSuffix(".whl") { return (try? WheelFilename(parsing: filename))?.version }
        return (try? SdistFilename(parsing: filename))?.version
    }

    /// The canonical version a distribution's filename names, if it parses.
    static func version(of filename: String) -> String? {
        parsedVersion(of: filename)?.canonicalized
    }

    /// The versions of `files` (an HTML page lists none), lowest first.
    static func versions(of files: [UpstreamPage.File]) -> [String] {
        var seen: [String: Version] = [:]
        for file in files {
            if let parsed = parsedVersion(of: file.filename) { seen[parsed.description] = parsed }
        }
        return seen.values.sorted().map(\.description)
    }

    // MARK: The upload guard

    public func refusal(forNewProject name: String, normalizedName: String) async throws -> String? {
        guard try await mayFetch(normalizedName) else { return nil }
        let entry = try await entry(for: normalizedName)
        let known: Entry?
        if let entry, isFresh(entry, now: clock.now().secondsSinceEpoch) || entry.page != nil {
            known = entry
        } else {
            known = try await refreshed(normalizedName, previous: entry, within: nil) ?? nil
        }
        guard let known, known.page != nil else { return nil }
        return "The name '\(name)' is a project on the upstream index \(known.index ?? ""). A project of "
            + "that name cannot be created here, so that installs never mix its public and private files "
            + "(dependency confusion). To host a private project of this name, an administrator reserves "
            + "it first: cheeseshop name reserve \(normalizedName)"
    }
}

/// A continuation resumed by the first of several racing tasks.
final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        let waiting = continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }
}
