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
    /// A run of consecutive projects (by normalized name) and its renderings.
    struct Segment: Sendable {
        var entries: [SimpleIndex.Entry]
        var html: Gzip.Part? = nil
        var json: Gzip.Part? = nil
        /// Whether `json` is rendered as the list's first segment (no comma before its first entry).
        var jsonFirst = false

        /// Whether the renderings are those of `entries` at position `index`.
        func isRendered(at index: Int) -> Bool { html != nil && json != nil && jsonFirst == (index == 0) }
    }

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
    let logger: Logger
    private let state = Mutex(State())
    private let published = Mutex<SimpleRootBody?>(nil)

    init(store: any IndexStore, logger: Logger, segmentSize: Int = 1024, rebuildThreshold: Int = 5_000) {
        self.store = store
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
                    let error: (any Error)?
                    do {
                        try await advance()
                        error = nil
                    } catch let failure {
                        error = failure
                    }
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
        for (name, project) in changes { update(&updated, name: name, project: project) }
        render(&updated)
        publish(updated, serial: serial)
    }

    /// Reads the whole list and renders every segment (both CPUs at it).
    private func rebuild() async throws {
        let serial = try await store.maxSerial()
        let entries = SimpleIndex(projects: try await store.projects(), lastSerial: serial).projects
        let chunks = stride(from: 0, to: entries.count, by: segmentSize).map {
            Array(entries[$0..<min($0 + segmentSize, entries.count)])
        }
        var segments = chunks.map { Segment(entries: $0) }
        let batches = Array(stride(from: 0, to: segments.count, by: 64))
        let rendered = await withTaskGroup(of: (Int, [Segment]).self) { group in
            for start in batches {
                let slice = Array(segments[start..<min(start + 64, segments.count)])
                group.addTask {
                    var slice = slice
                    for index in slice.indices { Self.render(&slice[index], first: start + index == 0) }
                    return (start, slice)
                }
            }
            var all: [(Int, [Segment])] = []
            for await batch in group { all.append(batch) }
            return all
        }
        for (start, slice) in rendered { segments.replaceSubrange(start..<start + slice.count, with: slice) }
        publish(segments, serial: serial)
        // The whole list read from the database is garbage now: give its pages back.
        #if os(Linux)
            _ = mallocTrim(0)
        #endif
    }

    /// Puts `project` (`nil`: gone) in its place among `segments`, keeping every segment
    /// non-empty and under twice ``segmentSize``; the touched segments lose their renderings.
    func update(_ segments: inout [Segment], name: String, project: Project?) {
        let entry = project.flatMap { project -> SimpleIndex.Entry? in
            guard project.status != .quarantined else { return nil }
            return SimpleIndex.Entry(name: project.name, normalizedName: name, lastSerial: project.lastSerial)
        }
        guard !segments.isEmpty else {
            if let entry { segments.append(Segment(entries: [entry])) }
            return
        }
        // The last segment whose first name is not after `name` (the first one for a name before all).
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].entries[0].normalizedName <= name { low = middle } else { high = middle - 1 }
        }
        let index = low
        let entries = segments[index].entries
        var position = 0
        var end = entries.count
        while position < end {
            let middle = (position + end) / 2
            if entries[middle].normalizedName < name { position = middle + 1 } else { end = middle }
        }
        let found = position < entries.count && entries[position].normalizedName == name
        switch (found, entry) {
        case (true, let entry?):
            guard entries[position] != entry else { return }
            segments[index].entries[position] = entry
        case (true, nil):
            segments[index].entries.remove(at: position)
            if segments[index].entries.isEmpty {
                segments.remove(at: index)
                return
            }
        case (false, let entry?):
            segments[index].entries.insert(entry, at: position)
        case (false, nil):
            return
        }
        segments[index].html = nil
        segments[index].json = nil
        if segments[index].entries.count >= 2 * segmentSize {
            let second = Segment(entries: Array(segments[index].entries[segmentSize...]))
            segments[index].entries.removeSubrange(segmentSize...)
            segments.insert(second, at: index + 1)
        }
    }

    /// Renders the segments whose renderings are missing or were made for another position.
    private func render(_ segments: inout [Segment]) {
        for index in segments.indices where !segments[index].isRendered(at: index) {
            Self.render(&segments[index], first: index == 0)
        }
    }

    /// Renders and compresses `segment`'s HTML links and JSON entries.
    static func render(_ segment: inout Segment, first: Bool) {
        var html: [UInt8] = []
        var json: [UInt8] = []
        html.reserveCapacity(segment.entries.count * 64)
        json.reserveCapacity(segment.entries.count * 48)
        for (index, entry) in segment.entries.enumerated() {
            SimpleIndex.appendHTML(entry, to: &html)
            if index > 0 || !first { json.append(UInt8(ascii: ",")) }
            SimpleIndex.appendJSON(entry, to: &json)
        }
        segment.html = Gzip.Part(html)
        segment.json = Gzip.Part(json)
        segment.jsonFirst = first
    }

    /// Makes `segments` at `serial` the page answered.
    private func publish(_ segments: [Segment], serial: Int64) {
        let body = SimpleRootBody(
            serial: serial, html: segments.compactMap(\.html), json: segments.compactMap(\.json))
        state.withLock { state in
            state.segments = segments
            state.serial = serial
            if state.failing {
                state.failing = false
                logger.notice("The project list follows the journal again.", metadata: ["serial": "\(serial)"])
            }
        }
        published.withLock { $0 = body }
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
