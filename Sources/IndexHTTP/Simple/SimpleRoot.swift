import IndexCore
import Logging
import PythonPackaging
import Synchronization

#if os(Linux)
    /// glibc's `malloc_trim` (in `malloc.h`, which the Glibc module leaves out): gives the heap's
    /// free pages back to the system.
    @_silgen_name("malloc_trim")
    private func mallocTrim(_ pad: Int) -> Int32
#endif

/// `/simple/` kept up to date from the journal, change by change (issue 21): at PyPI's size the
/// page lists 886,000 projects (49 MB of HTML, 42 MB of JSON), and reading and rendering it whole
/// after every upload would keep a core busy. The list is kept in segments of about
/// ``segmentSize`` consecutive projects, each rendered (HTML and JSON) and compressed on its own
/// (``Gzip/Part``); a journal entry reads its project's row alone and renders again the one
/// segment it falls in. The answer is the segments' buffers one after the other, plain or as one
/// gzip stream, never copied into one body (``SimpleRootBody``).
///
/// Built from the whole list on the first request, then moved along the journal by
/// ``follow(to:)`` (the read model calls it after each catch-up): one build or catch-up runs at a
/// time, and the requests in between are answered the last page published.
final class SimpleRoot: Sendable {
    /// A run of consecutive projects (by normalized name): its renderings, and what finding a
    /// name's segment needs. The projects themselves are not kept a second time: a segment that
    /// changes reads them back from its own JSON rendering (``entries``), so the memory of the
    /// list is its renderings (about 107 MB at 886k projects) and nothing else.
    struct Segment: Sendable {
        /// The normalized name of its first project.
        var first: String
        var html: Gzip.Part
        var json: Gzip.Part
        /// Whether `json` is rendered as the list's first segment (no comma before its first entry).
        var jsonFirst: Bool

        /// `entries` (sorted, not empty) rendered, as the list's first segment when `first`;
        /// with `html` when only serials changed (the HTML shows none).
        init(_ entries: [SimpleIndex.Entry], first: Bool, html: Gzip.Part? = nil) {
            var json: [UInt8] = []
            json.reserveCapacity(entries.count * 48)
            for (index, entry) in entries.enumerated() {
                if index > 0 || !first { json.append(UInt8(ascii: ",")) }
                SimpleIndex.appendJSON(entry, to: &json)
            }
            self.first = entries.first?.normalizedName ?? ""
            self.html = html ?? Self.html(entries)
            self.json = Gzip.Part(json)
            self.jsonFirst = first
        }

        private static func html(_ entries: [SimpleIndex.Entry]) -> Gzip.Part {
            var html: [UInt8] = []
            html.reserveCapacity(entries.count * 64)
            for entry in entries { SimpleIndex.appendHTML(entry, to: &html) }
            return Gzip.Part(html)
        }

        /// Its projects, read back from its JSON rendering (every project's name and serial; the
        /// normalized name is the name's, as everywhere else).
        func entries() throws(Unreadable) -> [SimpleIndex.Entry] {
            guard
                let entries = SimpleIndex.entries(
                    fromJSONItems: Array(json.plain.readableBytesView), leadingComma: !jsonFirst)
            else { throw Unreadable() }
            return entries
        }
    }

    /// A segment's rendering did not read back (a bug): the list is read from the store again.
    struct Unreadable: Error {}

    struct State {
        var segments: [Segment] = []
        /// The journal serial the segments show; `nil` until the first build.
        var serial: Int64?
        /// The build or catch-up running: its error, if it failed.
        var running: Task<(any Error)?, Never>?
        /// Whether the last catch-up failed (logged once per outage).
        var failing = false
    }

    /// Segments hold this many projects after a build, and are split when they reach twice as many.
    let segmentSize: Int
    /// A catch-up with more changed projects than this reads the whole list again.
    let rebuildThreshold: Int
    let store: any IndexStore
    let clock: any IndexClock
    let metrics: ServerMetrics
    let logger: Logger
    private let state = Mutex(State())
    private let published = Mutex<SimpleRootBody?>(nil)

    init(
        store: any IndexStore, clock: any IndexClock, metrics: ServerMetrics = .none,
        logger: Logger = ServerObservability.none.logger, segmentSize: Int = 1024, rebuildThreshold: Int = 5_000
    ) {
        self.store = store
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.segmentSize = segmentSize
        self.rebuildThreshold = rebuildThreshold
    }

    /// The page last published, if any (for the fast path: no waiting, no database).
    var current: SimpleRootBody? { published.withLock { $0 } }

    /// The page last published; the first call builds it. (The read model's catch-up moves it
    /// along: a request never waits for anything but the first build.)
    func body() async throws -> SimpleRootBody {
        if let body = current { return body }
        if let error = await step(to: 0, build: true) { throw error }
        guard let body = current else { throw IndexStoreError.unavailable("The project list is not built yet.") }
        return body
    }

    /// Moves the page along the journal to `serial` (once it is built; before, nothing is done:
    /// the first request builds it).
    func follow(to serial: Int64) async {
        _ = await step(to: serial, build: false)
    }

    /// Runs builds and catch-ups, one at a time, until the page is at `target` or one fails.
    private func step(to target: Int64, build: Bool) async -> (any Error)? {
        while true {
            // A task this call started, and the serial before it: when it ends where it began,
            // the journal had nothing newer (another caller's task may have begun its read before
            // the entries this call waits for).
            let (next, before): (Task<(any Error)?, Never>?, Int64?) = state.withLock { state in
                if let running = state.running { return (running, nil) }
                if let serial = state.serial {
                    guard serial < target else { return (nil, serial) }
                } else if !build {
                    return (nil, nil)
                }
                let task = Task<(any Error)?, Never> {
                    let start = clock.now().secondsSinceEpoch
                    let error: (any Error)?
                    do {
                        try await advance()
                        error = nil
                    } catch let failure {
                        error = failure
                    }
                    metrics.simpleRootUpdateSeconds.increment(by: max(0, clock.now().secondsSinceEpoch - start))
                    self.state.withLock { $0.running = nil }
                    return error
                }
                state.running = task
                return (task, state.serial)
            }
            guard let next else { return nil }
            if let error = await next.value {
                noteFailure(error)
                return error
            }
            if let before, state.withLock({ $0.serial }) == before { return nil }
        }
    }

    /// One build (the first time, or after many changes) or catch-up, then the page published.
    private func advance() async throws {
        let (start, segments) = state.withLock { ($0.serial, $0.segments) }
        guard let start else {
            try await rebuild()
            return
        }
        var serial = start
        var names = Set<String>()
        while true {
            let entries = try await store.journal(after: serial, limit: 1_000)
            for entry in entries { names.insert(ProjectName.normalize(entry.projectName)) }
            guard let last = entries.last else { break }
            serial = last.serial
            if entries.count < 1_000 || names.count > rebuildThreshold { break }
        }
        guard serial > start else { return }
        if names.count > rebuildThreshold {
            try await rebuild()
            return
        }
        var changes: [(String, Project?)] = []
        for name in names.sorted() { changes.append((name, try await store.project(normalizedName: name))) }
        var updated = segments
        do {
            try apply(changes, to: &updated)
        } catch {
            logger.error("A segment of /simple/ does not read back; the whole list is read again.")
            try await rebuild()
            return
        }
        publish(updated, serial: serial)
    }

    /// Reads the whole list and renders every segment (both CPUs at it).
    private func rebuild() async throws {
        let serial = try await store.maxSerial()
        let entries = SimpleIndex(projects: try await store.projects(), lastSerial: serial).projects
        let size = segmentSize
        let starts = Array(stride(from: 0, to: entries.count, by: size))
        let batch = 64
        let rendered = await withTaskGroup(of: (Int, [Segment]).self) { group in
            for batchStart in stride(from: 0, to: starts.count, by: batch) {
                group.addTask {
                    let segments = starts[batchStart..<min(batchStart + batch, starts.count)].map { start in
                        Segment(Array(entries[start..<min(start + size, entries.count)]), first: start == 0)
                    }
                    return (batchStart, segments)
                }
            }
            var all: [(Int, [Segment])] = []
            for await batch in group { all.append(batch) }
            return all.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        metrics.simpleRootSegmentsRendered.increment(by: rendered.count)
        publish(rendered, serial: serial)
        // The whole list read from the database is garbage now: give its pages back.
        #if os(Linux)
            _ = mallocTrim(0)
        #endif
    }

    /// Puts each changed project (`nil`: gone; a quarantined one leaves the list too) in its place
    /// among `segments`: each segment a change falls in is read back, changed and rendered again
    /// once, split when it reaches twice ``segmentSize``, dropped when empty.
    func apply(_ changes: [(String, Project?)], to segments: inout [Segment]) throws(Unreadable) {
        // The segment of each change: the last one whose first name is not after the name (the
        // first segment for a name before all).
        var bySegment: [Int: [(String, SimpleIndex.Entry?)]] = [:]
        for (name, project) in changes {
            let entry = project.flatMap { project -> SimpleIndex.Entry? in
                guard project.status != .quarantined else { return nil }
                return SimpleIndex.Entry(name: project.name, normalizedName: name, lastSerial: project.lastSerial)
            }
            bySegment[segment(of: name, in: segments), default: []].append((name, entry))
        }
        // From the last segment back, so that splitting or dropping one moves no index still to do.
        for (index, group) in bySegment.sorted(by: { $0.key > $1.key }) {
            var entries = index < segments.count ? try segments[index].entries() : []
            var change = Change.none
            for (name, entry) in group { change = max(change, Self.put(name, entry, in: &entries)) }
            guard change != .none else { continue }
            let piece = entries.count >= 2 * segmentSize ? segmentSize : max(1, entries.count)
            let pieces = stride(from: 0, to: entries.count, by: piece).map {
                Array(entries[$0..<min($0 + piece, entries.count)])
            }
            // A new release of a listed project changes its serial only: the HTML stays.
            let html = change == .serials ? segments[index].html : nil
            let replacement = pieces.enumerated().map { Segment($1, first: index == 0 && $0 == 0, html: html) }
            segments.replaceSubrange(index..<min(index + 1, segments.count), with: replacement)
            metrics.simpleRootSegmentsRendered.increment(by: replacement.count)
        }
        // A segment that became the first (the one before it emptied) or stopped being it.
        for index in segments.indices where segments[index].jsonFirst != (index == 0) {
            segments[index] = Segment(try segments[index].entries(), first: index == 0)
            metrics.simpleRootSegmentsRendered.increment()
        }
    }

    /// The index of the segment `name` belongs in (0 when there are none).
    private func segment(of name: String, in segments: [Segment]) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].first <= name { low = middle } else { high = middle - 1 }
        }
        return max(0, low)
    }

    /// What a change did to a segment, least first.
    enum Change: Comparable {
        case none
        /// Serials only.
        case serials
        /// Projects came, went or were renamed.
        case projects
    }

    /// Puts `entry` (`nil`: none) as `name`'s in the sorted `entries`.
    private static func put(_ name: String, _ entry: SimpleIndex.Entry?, in entries: inout [SimpleIndex.Entry])
        -> Change
    {
        var position = 0
        var end = entries.count
        while position < end {
            let middle = (position + end) / 2
            if entries[middle].normalizedName < name { position = middle + 1 } else { end = middle }
        }
        let found = position < entries.count && entries[position].normalizedName == name
        switch (found, entry) {
        case (true, let entry?):
            let old = entries[position]
            guard old != entry else { return .none }
            entries[position] = entry
            return old.name == entry.name ? .serials : .projects
        case (true, nil):
            entries.remove(at: position)
        case (false, let entry?):
            entries.insert(entry, at: position)
        case (false, nil):
            return .none
        }
        return .projects
    }

    /// Makes `segments` at `serial` the page answered.
    private func publish(_ segments: [Segment], serial: Int64) {
        let body = SimpleRootBody(serial: serial, html: segments.map(\.html), json: segments.map(\.json))
        state.withLock { state in
            state.segments = segments
            state.serial = serial
            if state.failing {
                state.failing = false
                logger.notice("The project list follows the journal again.", metadata: ["serial": "\(serial)"])
            }
        }
        published.withLock { $0 = body }
        metrics.simpleRootSerial.record(serial)
    }

    private func noteFailure(_ error: any Error) {
        let first = state.withLock { state in
            defer { state.failing = true }
            return !state.failing
        }
        guard first else { return }
        logger.warning(
            "The project list of /simple/ cannot be brought up to date; the last one is answered.",
            metadata: ["error": "\(error)"])
    }
}
