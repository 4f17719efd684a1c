import IndexCore
import IndexTesting
import Logging
import PythonPackaging
import Synchronization
import Testing

@testable import IndexMirror

/// An upstream in memory: pages by name, files by URL; counts the requests.
final class FakeUpstream: UpstreamFetching {
    struct State {
        var pages: [String: String] = [:]
        var files: [String: [UInt8]] = [:]
        var down = false
        var slow = false
        var pageRequests: [String] = []
        var fileRequests: [String] = []
        var conditional = 0
    }

    let state = Mutex(State())

    func page(index: String, name: String, etag: String?) async throws -> UpstreamAnswer {
        let (down, body, slow) = state.withLock { state in
            state.pageRequests.append(name)
            if etag != nil { state.conditional += 1 }
            return (state.down, state.pages[name], state.slow)
        }
        await Task.yield()
        if slow { try await Task.sleep(for: .seconds(600)) }
        if down { throw UpstreamError.status(503, url: index) }
        guard let body else { return .notFound }
        let tag = "\"\(body.utf8.count)-\(body.hashValue)\""
        if etag == tag { return .notModified }
        return .page(
            body: Array(body.utf8), contentType: "application/vnd.pypi.simple.v1+json", etag: tag,
            url: index + name + "/")
    }

    func bytes(url: String, limit: Int) async throws -> [UInt8] {
        try await open(url: url).next() ?? []
    }

    func open(url: String) async throws -> any UpstreamBody {
        let (down, bytes) = state.withLock { state in
            state.fileRequests.append(url)
            return (state.down, state.files[url])
        }
        if down { throw UpstreamError.status(503, url: url) }
        guard let bytes else { throw UpstreamError.status(404, url: url) }
        return Chunks(bytes)
    }

    final class Chunks: UpstreamBody, @unchecked Sendable {
        var rest: ArraySlice<UInt8>
        let size: Int?
        init(_ bytes: [UInt8]) {
            rest = bytes[...]
            size = bytes.count
        }
        func next() async throws -> [UInt8]? {
            guard !rest.isEmpty else { return nil }
            let chunk = Array(rest.prefix(3))
            rest = rest.dropFirst(3)
            return chunk
        }
    }
}

@Suite struct PullThroughProxyTests {
    static let index = "http://up.example/simple/"
    static let bytes = Array("the bytes of a distribution".utf8)
    static var sha: String {
        var hasher = DistributionHasher()
        hasher.update(bytes)
        return hasher.finalize().sha256
    }

    struct Fixture {
        let upstream = FakeUpstream()
        let store = InMemoryIndexStore()
        let blobs = InMemoryBlobStore()
        let clock = FixedClock()
        let proxy: PullThroughProxy

        init(_ change: (inout ProxyConfiguration) -> Void = { _ in }) {
            var configuration = ProxyConfiguration(upstreams: [PullThroughProxyTests.index])
            configuration.pageTTL = 60
            configuration.negativeTTL = 10
            change(&configuration)
            proxy = PullThroughProxy(
                configuration: configuration, store: store, blobs: blobs, clock: clock, upstream: upstream,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        }

        func publish(_ name: String = "demo", uploaded: String = "2025-06-01T00:00:00Z", sha: String? = nil) {
            let digest = sha ?? PullThroughProxyTests.sha
            let page = """
                {"meta":{"api-version":"1.4","_last-serial":9},"name":"\(name)","versions":["1.0"],"files":[
                {"filename":"\(name)-1.0.tar.gz","url":"/files/\(name)-1.0.tar.gz","hashes":{"sha256":"\(digest)"},
                 "size":\(PullThroughProxyTests.bytes.count),"upload-time":"\(uploaded)","yanked":false}]}
                """
            upstream.state.withLock { state in
                state.pages[name] = page
                state.files["http://up.example/files/\(name)-1.0.tar.gz"] = PullThroughProxyTests.bytes
            }
        }

        func page(_ name: String = "demo") async throws -> ProxiedPage? {
            try await proxy.page(normalizedName: name, urls: IndexURLs(base: ""))
        }

        func drain(_ file: ProxiedFile?) async throws -> [UInt8] {
            switch file {
            case .fetching(_, let chunks)?:
                var all: [UInt8] = []
                for try await chunk in chunks { all += chunk }
                return all
            case .stored(let key, _)?:
                var all: [UInt8] = []
                for try await chunk in try await blobs.read(key, range: nil) { all += chunk }
                return all
            case nil:
                return []
            }
        }
    }

    @Test func pageIsRewrittenKeptAndRevalidated() async throws {
        let fixture = Fixture()
        fixture.publish()
        let page = try #require(try await fixture.page())
        #expect(!page.stale)
        #expect(page.page.files.map(\.url) == ["/proxy/\(Self.sha)/demo-1.0.tar.gz"])
        #expect(page.page.lastSerial == 9 && page.page.versions == ["1.0"])
        _ = try await fixture.page()
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 1)
        fixture.clock.advance(by: 61)
        let again = try #require(try await fixture.page())
        #expect(fixture.upstream.state.withLock { ($0.pageRequests.count, $0.conditional) } == (2, 1))
        #expect(again.version == page.version)
        // Kept in the database: a new process answers it without asking upstream.
        #expect(try await fixture.store.setting("proxy-page:demo") != nil)
    }

    @Test func upstreamDownAnswersTheLastPageStaleAndNothingWithoutOne() async throws {
        let fixture = Fixture()
        fixture.publish()
        _ = try await fixture.page()
        fixture.upstream.state.withLock { $0.down = true }
        fixture.clock.advance(by: 61)
        let page = try #require(try await fixture.page())
        #expect(page.stale && page.page.files.count == 1)
        _ = try await fixture.page()
        // Backed off: the second request within the back-off did not ask again.
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 2)
        // The upstream failed a moment ago: another project is not asked of it either.
        await #expect(throws: (any Error).self) { _ = try await fixture.page("never-seen") }
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 2)
        fixture.upstream.state.withLock { $0.down = false }
        fixture.clock.advance(by: 11)
        #expect(try await fixture.page()?.stale == false)
        fixture.upstream.state.withLock { $0.down = true }
        fixture.clock.advance(by: 61)
        // Another process on the same database answers it stale too.
        let other = PullThroughProxy(
            configuration: fixture.proxy.configuration, store: fixture.store, blobs: fixture.blobs,
            clock: fixture.clock, upstream: fixture.upstream, logger: fixture.proxy.logger)
        #expect(try await other.page(normalizedName: "demo", urls: IndexURLs(base: ""))?.stale == true)
    }

    @Test func slowUpstreamIsNotWaitedForWhenAPageIsCached() async throws {
        let fixture = Fixture()
        fixture.publish()
        _ = try await fixture.page()
        fixture.upstream.state.withLock { $0.slow = true }
        fixture.clock.advance(by: 61)
        let page = try #require(try await fixture.page())
        #expect(page.stale && page.page.files.count == 1)
    }

    @Test func missingProjectsAreRememberedBriefly() async throws {
        let fixture = Fixture()
        #expect(try await fixture.page("ghost") == nil)
        #expect(try await fixture.page("ghost") == nil)
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 1)
        fixture.clock.advance(by: 11)
        #expect(try await fixture.page("ghost") == nil)
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 2)
    }

    @Test func concurrentMissesMakeOneUpstreamRequest() async throws {
        let fixture = Fixture()
        fixture.publish()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await fixture.page() } }
            try await group.waitForAll()
        }
        #expect(fixture.upstream.state.withLock { $0.pageRequests.count } == 1)
    }

    @Test func fileIsStreamedCheckedStoredAndThenServedFromTheStore() async throws {
        let fixture = Fixture()
        fixture.publish()
        _ = try await fixture.page()
        let first = try await fixture.proxy.file(sha256: Self.sha, filename: "demo-1.0.tar.gz", metadata: false)
        guard case .fetching(let size, _)? = first else {
            Issue.record("not fetched")
            return
        }
        #expect(size == Self.bytes.count)
        #expect(try await fixture.drain(first) == Self.bytes)
        let second = try await fixture.proxy.file(sha256: Self.sha, filename: "demo-1.0.tar.gz", metadata: false)
        guard case .stored? = second else {
            Issue.record("not stored")
            return
        }
        #expect(try await fixture.drain(second) == Self.bytes)
        #expect(fixture.upstream.state.withLock { $0.fileRequests.count } == 1)
        // Unknown files, and names that are not digests, are not fetched.
        #expect(try await fixture.proxy.file(sha256: Self.sha, filename: "other-1.0.tar.gz", metadata: false) == nil)
        #expect(try await fixture.proxy.file(sha256: "../x", filename: "demo-1.0.tar.gz", metadata: false) == nil)
        // No PEP 658 file upstream: none here.
        #expect(try await fixture.proxy.file(sha256: Self.sha, filename: "demo-1.0.tar.gz", metadata: true) == nil)
    }

    @Test func tamperedFileIsRefusedAndNotKept() async throws {
        let fixture = Fixture()
        fixture.publish(sha: String(repeating: "0", count: 64))
        _ = try await fixture.page()
        let digest = String(repeating: "0", count: 64)
        for _ in 0..<2 {
            let file = try await fixture.proxy.file(sha256: digest, filename: "demo-1.0.tar.gz", metadata: false)
            var received: [UInt8] = []
            await #expect(throws: (any Error).self) {
                guard case .fetching(_, let chunks)? = file else { return }
                for try await chunk in chunks { received += chunk }
            }
            // The last chunk was held back: the client never had all of the bytes.
            #expect(received.count < Self.bytes.count)
        }
        #expect(try await fixture.blobs.size(of: BlobKey.proxied(sha256: digest, filename: "demo-1.0.tar.gz")) == nil)
    }

    @Test func concurrentFileMissesMakeOneUpstreamRequest() async throws {
        let fixture = Fixture()
        fixture.publish()
        _ = try await fixture.page()
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await fixture.drain(
                        try await fixture.proxy.file(sha256: Self.sha, filename: "demo-1.0.tar.gz", metadata: false))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == Self.bytes })
        #expect(fixture.upstream.state.withLock { $0.fileRequests.count } == 1)
    }

    @Test func coolDownHidesFreshFilesUnlessExempt() async throws {
        let fixture = Fixture { $0.excludeNewer = 7 * 86_400 }
        let now = fixture.clock.now().secondsSinceEpoch
        let fresh = Timestamp(secondsSinceEpoch: now - 3600).iso8601
        fixture.publish(uploaded: fresh)
        let page = try #require(try await fixture.page())
        #expect(page.page.files.isEmpty && page.page.versions.isEmpty)
        #expect(page.freshUntil <= now + 60)
        #expect(try await fixture.proxy.file(sha256: Self.sha, filename: "demo-1.0.tar.gz", metadata: false) == nil)
        let exempt = Fixture {
            $0.excludeNewer = 7 * 86_400
            $0.excludeNewerExempt = ["dem*"]
        }
        exempt.publish(uploaded: fresh)
        #expect(try await exempt.page()?.page.files.count == 1)
    }

    @Test func privateBlockedAndUnallowedNamesAreNeverFetched() async throws {
        let fixture = Fixture {
            $0.block = ["evil-*"]
            $0.allow = ["demo", "evil-*", "acme-*"]
        }
        for name in ["demo", "evil-twin", "acme-tool", "other"] { fixture.publish(name) }
        try await fixture.store.write { try await $0.setSetting(PrivateNames.settingName, to: "acme-*") }
        #expect(try await fixture.page("demo") != nil)
        #expect(try await fixture.page("evil-twin") == nil)
        #expect(try await fixture.page("acme-tool") == nil)
        #expect(try await fixture.page("other") == nil)
        #expect(fixture.upstream.state.withLock { $0.pageRequests } == ["demo"])
    }

    @Test func newProjectsMayNotTakeAnUpstreamNameUnlessPrivate() async throws {
        let fixture = Fixture()
        fixture.publish("shared")
        let refusal = try await fixture.proxy.refusal(forNewProject: "Shared", normalizedName: "shared")
        #expect(refusal?.contains("'Shared' is a project on the upstream index \(Self.index)") == true)
        #expect(refusal?.hasSuffix("cheeseshop name reserve shared") == true)
        #expect(try await fixture.proxy.refusal(forNewProject: "fresh", normalizedName: "fresh") == nil)
        try await fixture.store.write { try await $0.setSetting(PrivateNames.settingName, to: "shared") }
        fixture.clock.advance(by: 6)
        #expect(try await fixture.proxy.refusal(forNewProject: "Shared", normalizedName: "shared") == nil)
    }
}
