import HTTPTypes
import Hummingbird
import IndexCore
import IndexTesting
import NIOCore
import NIOHTTP1
import PythonPackaging
import Testing

@testable import IndexHTTP

/// `/simple/` kept in segments and moved along the journal change by change (issue 21): after any
/// mix of new projects, releases, quarantines and deletions, the page is byte for byte the one
/// rendered whole from the store, plain and gzip, and a change renders its own segment only.
@Suite(.timeLimit(.minutes(1))) struct SimpleRootTests {
    let store = InMemoryIndexStore()
    let clock = FixedClock()

    /// Creates (or changes) `name` with a journal entry, as an upload does.
    func upload(_ name: String) async throws {
        try await store.write { tx in
            let normalized = ProjectName.normalize(name)
            if try await tx.project(normalizedName: normalized) == nil {
                _ = try await tx.createProject(name: name, normalizedName: normalized, created: clock.now())
            }
            _ = try await tx.appendJournal(
                normalizedName: normalized, projectName: name, version: "1.0", action: "add py3 file",
                time: clock.now(), actor: nil)
        }
    }

    func setStatus(_ name: String, _ status: ProjectStatus) async throws {
        try await store.write { tx in
            guard let project = try await tx.project(normalizedName: name) else { return }
            try await tx.setStatus(status, projectID: project.id)
            _ = try await tx.appendJournal(
                normalizedName: name, projectName: project.name, version: nil,
                action: status == .quarantined ? "quarantine project" : "release quarantine", time: clock.now(),
                actor: nil)
        }
    }

    func delete(_ name: String) async throws {
        try await store.write { tx in
            guard let project = try await tx.project(normalizedName: name) else { return }
            try await tx.deleteProject(id: project.id)
            _ = try await tx.appendJournal(
                normalizedName: name, projectName: project.name, version: nil, action: "remove project",
                time: clock.now(), actor: nil)
        }
    }

    /// The page rendered whole from the store, as `SimpleIndex` does.
    func expected(serial: Int64) async throws -> (html: [UInt8], json: [UInt8]) {
        let index = SimpleIndex(projects: try await store.projects(), lastSerial: serial)
        return (index.html(), index.json())
    }

    func bytes(_ body: SimpleRootBody, _ format: SimpleFormat, gzip: Bool) throws -> [UInt8] {
        let parts = body.representation(format, gzip: gzip).parts
        let joined = parts.reduce(into: [UInt8]()) { $0 += Array(buffer: $1) }
        return gzip ? try GzipTests.inflate(joined) : joined
    }

    func check(_ root: SimpleRoot) async throws {
        let serial = try await store.maxSerial()
        await root.follow(to: serial)
        let body = try #require(root.current)
        #expect(body.serial == serial)
        let expected = try await expected(serial: serial)
        #expect(try bytes(body, .html, gzip: false) == expected.html)
        #expect(try bytes(body, .v1HTML, gzip: true) == expected.html)
        #expect(try bytes(body, .v1JSON, gzip: false) == expected.json)
        #expect(try bytes(body, .v1JSON, gzip: true) == expected.json)
        let representation = body.representation(.v1JSON, gzip: true)
        #expect(representation.headers[.contentLength] == String(representation.count))
        #expect(representation.headers[.contentEncoding] == "gzip")
        #expect(representation.http1Headers.first(name: "X-PyPI-Last-Serial") == String(serial))
    }

    @Test func anEmptyIndexIsAPageWithNoProjects() async throws {
        let root = SimpleRoot(store: store, clock: clock, segmentSize: 4)
        _ = try await root.body()
        try await check(root)
    }

    @Test(arguments: [1, 2, 3])
    func everyMixOfChangesGivesThePageRenderedWhole(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)  // so a failure can be repeated
        let names = (0..<120).map { "Project_\($0 * 7919 % 1000)" } + ["aaa-first", "zzz.last", "Ünïcode-ish"]
        for name in names.prefix(40) { try await upload(name) }
        let root = SimpleRoot(store: store, clock: clock, segmentSize: 4)
        _ = try await root.body()
        try await check(root)
        for _ in 0..<30 {
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let name = names.randomElement(using: &random)!
                let normalized = ProjectName.normalize(name)
                switch Int.random(in: 0..<10, using: &random) {
                case 0: try await setStatus(normalized, .quarantined)
                case 1: try await setStatus(normalized, .active)
                case 2: try await delete(normalized)
                default: try await upload(name)
                }
            }
            try await check(root)
        }
        // Everything removed: the first segment's JSON loses its leading entries one by one.
        for name in names { try await delete(ProjectName.normalize(name)) }
        try await check(root)
    }

    @Test func aChangeRendersItsOwnSegmentOnly() async throws {
        for index in 0..<100 { try await upload("p\(1000 + index)") }
        let root = SimpleRoot(store: store, clock: clock, segmentSize: 10)
        let before = try await root.body()
        let segments = before.representation(.v1JSON, gzip: false).parts
        #expect(segments.count == 12, "prefix, ten segments of ten, suffix")
        try await upload("p1055")
        await root.follow(to: try await store.maxSerial())
        let after = try #require(root.current).representation(.v1JSON, gzip: false).parts
        let changed = zip(segments, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed == [0, 6], "the prefix with the serial, and the segment of p1050-p1059")
        // The unchanged segments are the same storage, not copies; so is the HTML of the changed
        // one (a new release changes a serial, which the HTML does not show).
        let html = (
            before.representation(.html, gzip: false).parts,
            try #require(root.current).representation(.html, gzip: false).parts
        )
        for (old, new) in [1, 2, 10].map({ (segments[$0], after[$0]) }) + [(html.0[6], html.1[6])] {
            new.withUnsafeReadableBytes { new in
                old.withUnsafeReadableBytes { old in #expect(new.baseAddress == old.baseAddress) }
            }
        }
    }

    @Test func aSegmentIsSplitWhenItDoublesAndDroppedWhenEmpty() async throws {
        let root = SimpleRoot(store: store, clock: clock, segmentSize: 3)
        try await upload("b")
        _ = try await root.body()
        for name in ["c", "d", "e", "f", "g", "a"] { try await upload(name) }
        try await check(root)
        var parts = try #require(root.current).representation(.html, gzip: false).parts
        #expect(parts.count == 2 + 3, "seven projects, split by three: [a, b, c], [d, e, f], [g]")
        for name in ["a", "b", "c"] { try await delete(name) }
        try await check(root)
        parts = try #require(root.current).representation(.html, gzip: false).parts
        #expect(parts.count == 2 + 2, "the emptied segment is gone")
    }

    @Test func manyChangesAtOnceAreReadAsAWholeList() async throws {
        let root = SimpleRoot(store: store, clock: clock, segmentSize: 4, rebuildThreshold: 5)
        _ = try await root.body()
        for index in 0..<20 { try await upload("bulk-\(index)") }
        try await check(root)
    }

    @Test func theReadModelMovesTheRootAlongAndTheFastPathAnswersIt() async throws {
        let model = ReadModel(store: store, clock: clock)
        let path = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil))
        await model.refreshIfDue()
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/simple/")
        #expect(path.answer(head) == nil, "not built before the first request")
        _ = try await model.simpleRoot.body()
        try await upload("demo")
        await model.catchUp()
        head.headers.add(name: "Accept", value: "application/vnd.pypi.simple.v1+json")
        head.headers.add(name: "Accept-Encoding", value: "gzip")
        let answer = try #require(path.answer(head))
        #expect(answer.status == .ok)
        let joined = answer.body.reduce(into: [UInt8]()) { $0 += Array(buffer: $1) }
        let json = String(decoding: try GzipTests.inflate(joined), as: UTF8.self)
        #expect(json.contains(#"{"name":"demo","_last-serial":1}"#))
        #expect(answer.headers.first(name: "X-PyPI-Last-Serial") == "1")
        var conditional = head
        conditional.headers.add(name: "If-None-Match", value: try #require(answer.headers.first(name: "ETag")))
        #expect(path.answer(conditional)?.status == .notModified)
        head.method = .HEAD
        #expect(path.answer(head)?.body == [])
    }

    @Test func gzipPartsJoinIntoOneStreamEvenStoredOnes() throws {
        let texts = ["", "alpha ", String(repeating: "beta ", count: 20_000), "", "gamma"].map { Array($0.utf8) }
        var parts = texts.map { Gzip.Part($0) }
        // A part zlib could not compress is sent stored: the stream stays valid.
        let stored = Array(String(repeating: "stored ", count: 12_000).utf8)
        let storedPart = Gzip.Part(plain: stored, deflated: Gzip.storedBlocks(stored))
        parts.insert(storedPart, at: 2)
        let stream =
            Gzip.memberHeader + parts.reduce(into: [UInt8]()) { $0 += Array(buffer: $1.deflated) }
            + Gzip.trailer(after: parts)
        let expected = texts[0] + texts[1] + stored + texts[2...].joined()
        #expect(try GzipTests.inflate(stream) == expected)
    }

    @Test(arguments: ["plain", "a&b<c>\"d'e", "Ünïcode &amp; <tag>", ""])
    func theByteWritersEscapeAsTheStringOnes(text: String) {
        var html: [UInt8] = []
        HTMLText.append(escaping: text, to: &html)
        #expect(html == Array(HTMLText.escape(text).utf8))
        var json: [UInt8] = []
        JSONValue.append(string: text + "\n\u{1}\u{1F600}", to: &json)
        #expect(json == JSONValue.string(text + "\n\u{1}\u{1F600}").bytes)
    }
}
