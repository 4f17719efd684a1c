import IndexCore
import Logging
import Synchronization

/// What the read path answers from memory (DESIGN.md §2): rendered pages by project, and the
/// stored files' blob keys and sizes. The database is read only on a miss. The journal says what
/// changed: a write in this process catches up before it is acknowledged, other writers (the
/// CLI, other nodes) are seen within ``refreshInterval`` seconds.
///
/// A page rendered while a change to its project was being applied is answered but not kept
/// (the generation check), so a stale page is never cached.
final class ReadModel: Sendable {
    /// One cached answer of a project.
    enum Page: Hashable, Sendable {
        case simple(SimpleFormat)
        /// The JSON API document of a project, with absolute URLs under `origin` (``PublicURLs``).
        case projectJSON(origin: String)
        /// The JSON API document of a release, with absolute URLs under `origin`.
        case releaseJSON(String, origin: String)
        /// The web page `/project/<name>/` in a language.
        case projectPage(Language)
        /// The home page (under the root key) in a language, whose install commands name `origin`.
        case home(origin: String, language: Language)
        /// The web page `/project/<name>/<version>/` in a language.
        case releasePage(String, Language)

        /// Whether the page shows download counts (kept for ``ReadModel/countsLifetime`` only).
        var showsCounts: Bool {
            switch self {
            case .projectJSON, .releaseJSON, .projectPage, .releasePage: true
            case .simple, .home: false
            }
        }
    }

    /// A stored file (or PEP 658 metadata file) the URL path names.
    struct StoredFile: Hashable, Sendable {
        let key: BlobKey
        let size: Int
    }

    /// A cached answer: a body, or "no such page".
    enum Cached: Sendable {
        case body(CachedBody)
        case notFound

        var cost: Int {
            switch self {
            case .body(let body): body.cost
            case .notFound: 64
            }
        }
    }

    struct State {
        /// The last journal serial applied; `nil` until the first look at the journal.
        var applied: Int64?
        /// Bumped by every applied change.
        var generation: UInt64 = 0
        /// The generation of each project's last change...
        var changed: [String: UInt64] = [:]
        /// ...or at most this one for a project no longer in `changed` (the map is bounded).
        var changedFloor: UInt64 = 0
        /// The generation of the last file removal.
        var lastRemoval: UInt64 = 0
        var pages: [String: [Page: Cached]] = [:]
        var files: [String: StoredFile] = [:]
        /// What ``FastReadPath`` computed once for a known file (valid while `files` holds the
        /// same file at the path).
        var preparedFiles: [String: PreparedFile] = [:]
        /// The bytes of the small files kept in `preparedFiles`.
        var preparedBytes = 0
        var cost = 0
        /// When the journal is looked at next, and whether a request is looking.
        var journalCheck = DueCheck()
        /// Whether the last look at the journal failed (logged once per outage).
        var journalFailing = false
        /// The root pages being rendered (one render of each at a time), the last one rendered
        /// (answered while a slow render runs) and how long that took: see ``rootPage(_:render:)``.
        var rootRenders: [Page: Task<CachedBody?, any Error>] = [:]
        var lastRoot: [Page: (body: CachedBody, seconds: Double)] = [:]
        /// Rendered pages of projects proxied from upstream (not hosted here), each answered
        /// until its `freshUntil` (seconds since the epoch); dropped when the project changes here.
        var proxied: [String: [Page: ProxiedBody]] = [:]
        /// When each page that shows download counts was kept (seconds since the epoch).
        var countsRendered: [String: [Page: Double]] = [:]
    }

    /// A rendered proxied page.
    struct ProxiedBody: Sendable {
        let body: CachedBody
        let freshUntil: Double
        let version: UInt64
    }

    /// The key under which the home pages are kept, and that names `/simple/` on the fast path (never a normalized project name).
    static let rootKey = "/"

    let store: any IndexStore
    let clock: any IndexClock
    let refreshInterval: Double
    let budget: Int
    /// A root page whose last render took this long (seconds) is answered from that render while
    /// the next one runs.
    let slowRootRender: Double
    let state = Mutex(State())
    let metrics: ServerMetrics
    let logger: Logger
    /// How long a page that shows download counts (a project's JSON and web pages) is kept
    /// (`nil`: until the project changes, as every other page).
    let countsLifetime: Double?
    /// The bytes of small files the fast path may keep in memory.
    let fileBudget: Int
    /// `/simple/`, kept up to date change by change.
    let simpleRoot: SimpleRoot

    /// A model over `store`, looking at the journal at most every `refreshInterval` seconds of
    /// `clock`, keeping up to `budget` bytes of pages.
    init(
        store: any IndexStore, clock: any IndexClock, refreshInterval: Double = 1, budget: Int = 256 << 20,
        slowRootRender: Double = 0.5, metrics: ServerMetrics = .none, logger: Logger = ServerObservability.none.logger,
        countsLifetime: Double? = nil, fileBudget: Int = 64 << 20
    ) {
        self.fileBudget = fileBudget
        self.countsLifetime = countsLifetime
        self.metrics = metrics
        self.logger = logger
        self.store = store
        self.clock = clock
        self.refreshInterval = refreshInterval
        self.budget = budget
        self.slowRootRender = slowRootRender
        self.simpleRoot = SimpleRoot(store: store, clock: clock, metrics: metrics, logger: logger)
    }

    /// The serial the model is at (`0` before it has read the journal).
    var serial: Int64 { state.withLock { $0.applied ?? 0 } }

    /// Bumped by every change the model applies: what was computed at one generation is
    /// current while the generation is the same.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The `page` of `project` (normalized; the root pages go through ``rootPage(_:render:)``):
    /// from memory, or from `render` on a miss (`nil`: not found). Errors of `render` are not
    /// cached, nor unknown versions (any string can be asked for).
    func page(
        _ page: Page, of project: String, render: () async throws -> CachedBody?
    ) async throws -> CachedBody? {
        await refreshIfDue()
        let oldest = oldestKept(page)
        let lookup = state.withLock { state in
            (Self.kept(page, of: project, since: oldest, in: state), state.applied, state.generation)
        }
        if let hit = lookup.0 {
            metrics.readModelHits.increment()
            if case .body(let body) = hit { return body }
            return nil
        }
        metrics.readModelMisses.increment()
        let rendered = try await render()
        let cached: Cached = rendered.map(Cached.body) ?? .notFound
        switch page {
        case .releaseJSON, .releasePage: if rendered == nil { return nil }
        default: break
        }
        guard lookup.1 != nil else { return rendered }
        state.withLock { state in
            guard state.changed[project] ?? state.changedFloor <= lookup.2 else { return }
            keep(cached, as: page, of: project, in: &state)
        }
        return rendered
    }

    /// Puts `cached` in the model, first emptying it when the budget would be exceeded.
    /// The oldest keep time (seconds since the epoch) at which `page` is still answered: `nil`
    /// for a page kept until its project changes (one that shows no download counts).
    private func oldestKept(_ page: Page) -> Double? {
        guard let countsLifetime, page.showsCounts else { return nil }
        return clock.now().secondsSinceEpoch - countsLifetime
    }

    /// The kept `page` of `project`, unless it was kept before `oldest`.
    private static func kept(_ page: Page, of project: String, since oldest: Double?, in state: State) -> Cached? {
        if let oldest, state.countsRendered[project]?[page] ?? 0 < oldest { return nil }
        return state.pages[project]?[page]
    }

    func keep(_ cached: Cached, as page: Page, of project: String, in state: inout State) {
        if state.cost + cached.cost > budget {
            state.pages.removeAll()
            state.countsRendered.removeAll()
            state.cost = 0
        }
        if let old = state.pages[project]?[page] { state.cost -= old.cost }
        state.pages[project, default: [:]][page] = cached
        state.cost += cached.cost
        if countsLifetime != nil, page.showsCounts {
            state.countsRendered[project, default: [:]][page] = clock.now().secondsSinceEpoch
        }
    }

    /// The stored file at `path`: from memory, or from `lookup` on a miss (found files only are
    /// kept; a removal drops them all).
    func file(path: String, lookup: () async throws -> StoredFile?) async throws -> StoredFile? {
        await refreshIfDue()
        let known = state.withLock { state in (state.files[path], state.applied, state.generation) }
        if let hit = known.0 {
            metrics.readModelHits.increment()
            return hit
        }
        metrics.readModelMisses.increment()
        guard let found = try await lookup() else { return nil }
        guard known.1 != nil else { return found }
        state.withLock { state in
            guard state.lastRemoval <= known.2 else { return }
            if state.files.count >= 1 << 20 { state.files.removeAll() }
            state.files[path] = found
        }
        return found
    }

    /// Drops what the model knows of the file at `path` (its blob is gone).
    func forgetFile(path: String) {
        _ = state.withLock { $0.files.removeValue(forKey: path) }
    }

    /// The stored file at `path` if the model knows it, without looking at the journal (for
    /// ``FastReadPath``, which first checks ``isRefreshDue``). A removal or a quarantine read from
    /// the journal forgets every file, so a file of a quarantined project is never known here.
    func knownFile(path: String) -> (StoredFile, PreparedFile?)? {
        let found = state.withLock { state -> (StoredFile, PreparedFile?)? in
            guard let file = state.files[path] else { return nil }
            let prepared = state.preparedFiles[path]
            return (file, prepared?.stored == file ? prepared : nil)
        }
        // A miss here is counted by the route that answers instead.
        if found != nil { metrics.readModelHits.increment() }
        return found
    }

    /// Keeps what the fast path computed for the file at `path`.
    func keepPrepared(_ prepared: PreparedFile, path: String) {
        var prepared = prepared
        if prepared.contents?.readableBytes ?? 0 > fileBudget { prepared.contents = nil }
        let cost = prepared.contents?.readableBytes ?? 0
        state.withLock { state in
            state.preparedBytes -= state.preparedFiles.removeValue(forKey: path)?.contents?.readableBytes ?? 0
            if state.preparedFiles.count >= 1 << 14 || state.preparedBytes + cost > fileBudget {
                state.preparedFiles.removeAll()
                state.preparedBytes = 0
            }
            state.preparedFiles[path] = prepared
            state.preparedBytes += cost
        }
    }

    /// The body of `page` of `project` if the model holds it, without looking at the journal
    /// (for ``FastReadPath``, which first checks ``isRefreshDue``): a hosted project's, or a
    /// proxied project's still fresh page.
    func cachedBody(_ page: Page, of project: String) -> CachedBody? {
        // The clock is read for a page that shows counts or a proxied page only.
        let oldest = oldestKept(page)
        let found = state.withLock { state -> (hosted: CachedBody?, proxied: ProxiedBody?) in
            guard state.applied != nil else { return (nil, nil) }
            switch Self.kept(page, of: project, since: oldest, in: state) {
            case .body(let body): return (body, nil)
            case .notFound: return (nil, state.proxied[project]?[page])
            case nil: return (nil, nil)
            }
        }
        var body = found.hosted
        if let proxied = found.proxied, clock.now().secondsSinceEpoch < proxied.freshUntil { body = proxied.body }
        // A miss here is counted by the route that answers instead.
        if body != nil { metrics.readModelHits.increment() }
        return body
    }

    /// The rendered proxied `page` of `project` for the page model `version`, if kept and fresh.
    func proxiedBody(_ page: Page, of project: String, version: UInt64) -> CachedBody? {
        let now = clock.now().secondsSinceEpoch
        return state.withLock { state in
            guard let kept = state.proxied[project]?[page], kept.version == version, now < kept.freshUntil else {
                return nil
            }
            return kept.body
        }
    }

    /// Keeps a rendered proxied page (unless the project is hosted here by now), or a hosted
    /// project's page with upstream's files added, rendered at `generation` (dropped by the
    /// project's next change).
    func keepProxied(
        _ body: CachedBody, as page: Page, of project: String, freshUntil: Double, version: UInt64,
        mergedAt generation: UInt64? = nil
    ) {
        state.withLock { state in
            if let generation {
                // Rendered from the hosted project as of `generation`: not kept if it changed since.
                guard state.changed[project] ?? state.changedFloor <= generation else { return }
            } else {
                guard case .notFound? = state.pages[project]?[page] else { return }
            }
            if state.proxied.count >= 1 << 16 { state.proxied.removeAll() }
            let kept = ProxiedBody(body: body, freshUntil: freshUntil, version: version)
            state.proxied[project, default: [:]][page] = kept
        }
    }

    /// Whether the next request should read the journal first.
    var isRefreshDue: Bool {
        let now = clock.now().secondsSinceEpoch
        return state.withLock { $0.journalCheck.isDue(now: now) }
    }
}
