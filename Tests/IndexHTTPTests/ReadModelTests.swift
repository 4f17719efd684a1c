import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Synchronization
import Testing

@testable import IndexHTTP

/// The read path answers from memory (DESIGN.md §2): this process's writes show at once, other
/// writers' (the CLI, other nodes) once the journal is looked at again, and a page rendered while
/// its project changed is never kept.
@Suite struct ReadModelTests {
    private let serialHeader = HTTPField.Name("X-PyPI-Last-Serial") ?? .server
    private let json: HTTPFields = [.accept: "application/vnd.pypi.simple.v1+json"]

    private func upload(_ client: some TestClientProtocol, _ fixture: HTTPFixture, version: String) async throws
        -> TestResponse
    {
        let builder = DistributionBuilder(version: version)
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let body = MultipartBody(form: builder.form(sha256: hasher.finalize().sha256), file: wheel)
        let headers: HTTPFields = [
            .contentType: MultipartBody.contentType,
            .authorization: HTTPFixture.basic("__token__", fixture.token.text),
        ]
        return try await client.execute(uri: "/legacy/", method: .post, headers: headers, body: body.buffer)
    }

    private func alice(_ fixture: HTTPFixture) async throws -> User {
        try #require(try await fixture.store.user(username: "alice"))
    }

    @Test func aPageShowingCountsIsRenderedAgainAfterItsLifetime() async throws {
        let (store, clock) = (InMemoryIndexStore(), FixedClock())
        let model = ReadModel(store: store, clock: clock, countsLifetime: 300)
        await model.catchUp()
        let renders = Mutex(0)
        func render() async throws -> CachedBody? {
            renders.withLock { $0 += 1 }
            return CachedBody(bytes: Array("page".utf8), contentType: "text/html", cacheControl: "max-age=60")
        }
        for page in [ReadModel.Page.projectPage(.en), .simple(.html)] {
            renders.withLock { $0 = 0 }
            _ = try await model.page(page, of: "demo", render: render)
            _ = try await model.page(page, of: "demo", render: render)
            #expect(model.cachedBody(page, of: "demo") != nil, "kept: the fast path answers it")
            clock.advance(by: 301)
            _ = try await model.page(page, of: "demo", render: render)
            let expected = page.showsCounts ? 2 : 1
            #expect(renders.withLock { $0 } == expected, "\(page): rendered \(expected) times")
        }
        clock.advance(by: 301)
        #expect(model.cachedBody(.projectPage(.en), of: "demo") == nil, "past its lifetime the fast path lets it go")
        #expect(model.cachedBody(.simple(.html), of: "demo") != nil, "a simple page is kept until its project changes")
    }

    @Test func anUploadIsServedAtOnceAfterItsAcknowledgement() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let status1 = try await upload(client, fixture, version: "1.0").status.code
            #expect(status1 == 200)
            let first = try await client.execute(uri: "/simple/demo/", method: .get, headers: json)
            #expect(!String(buffer: first.body).contains("demo-2.0"))
            let status2 = try await upload(client, fixture, version: "2.0").status.code
            #expect(status2 == 200)
            let second = try await client.execute(uri: "/simple/demo/", method: .get, headers: json)
            #expect(String(buffer: second.body).contains("demo-2.0-py3-none-any.whl"))
            #expect(second.headers[.eTag] != first.headers[.eTag])
            let serial = try await fixture.store.maxSerial()
            #expect(second.headers[serialHeader] == String(serial))
            let index = try await client.execute(uri: "/simple/", method: .get, headers: json)
            #expect(index.headers[serialHeader] == String(serial))
        }
    }

    @Test func anotherWritersChangeIsServedOnceTheJournalIsReadAgain() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let status3 = try await upload(client, fixture, version: "1.0").status.code
            #expect(status3 == 200)
            let before = try await client.execute(uri: "/pypi/demo/json", method: .get)
            #expect(String(buffer: before.body).contains("\"yanked\":false"))
            // As the CLI would, in another process: straight to the store.
            try await YankRelease(store: fixture.store, clock: fixture.clock)
                .yank(project: "demo", version: "1.0", reason: "broken", by: try await alice(fixture))
            let cached = try await client.execute(uri: "/pypi/demo/json", method: .get)
            #expect(cached.headers[.eTag] == before.headers[.eTag], "answered from memory, not the database")
            fixture.clock.advance(by: 1)
            let after = try await client.execute(uri: "/pypi/demo/json", method: .get)
            #expect(String(buffer: after.body).contains("\"yanked_reason\":\"broken\""))
            let page = try await client.execute(uri: "/simple/demo/", method: .get, headers: json)
            #expect(String(buffer: page.body).contains("\"yanked\":\"broken\""))
        }
    }

    @Test func aDeletedFileStopsBeingServed() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let status4 = try await upload(client, fixture, version: "1.0").status.code
            #expect(status4 == 200)
            let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
            let url = "/packages/\(file.upload.blobPath)"
            let status5 = try await client.execute(uri: url, method: .get).status.code
            #expect(status5 == 200)
            _ = try await DeleteFile(store: fixture.store, clock: fixture.clock)(
                project: "demo", filename: file.filename, by: try await alice(fixture))
            fixture.clock.advance(by: 1)
            let status6 = try await client.execute(uri: url, method: .get).status.code
            #expect(status6 == 404)
            let page = try await client.execute(uri: "/simple/demo/", method: .get, headers: json)
            #expect(!String(buffer: page.body).contains(file.filename))
        }
    }

    @Test func anUnknownProjectBecomesKnownWhenItIsCreated() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let status7 = try await client.execute(uri: "/simple/demo/", method: .get).status.code
            #expect(status7 == 404)
            let status8 = try await client.execute(uri: "/simple/demo/", method: .get).status.code
            #expect(status8 == 404)
            let status9 = try await upload(client, fixture, version: "1.0").status.code
            #expect(status9 == 200)
            let status10 = try await client.execute(uri: "/simple/demo/", method: .get).status.code
            #expect(status10 == 200)
        }
    }

    @Test func aPageRenderedWhileItsProjectChangedIsNotKept() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let model = ReadModel(store: store, clock: clock)
        await model.catchUp()
        let renders = Counter()
        let page = { @Sendable () async throws -> CachedBody? in
            renders.increment()
            return CachedBody(bytes: Array("page".utf8), contentType: "text/plain", cacheControl: "no-cache")
        }
        _ = try await model.page(.projectJSON(origin: ""), of: "demo") {
            let body = try await page()
            // A change lands (and is applied) while this page is being rendered.
            try await store.write { tx in
                _ = try await tx.appendJournal(
                    normalizedName: "demo", projectName: "Demo", version: nil, action: "create", time: clock.now(),
                    actor: nil)
            }
            await model.catchUp()
            return body
        }
        _ = try await model.page(.projectJSON(origin: ""), of: "demo", render: page)
        _ = try await model.page(.projectJSON(origin: ""), of: "demo", render: page)
        #expect(renders.value == 2, "the page rendered during the change was not kept; the next one was")
    }
}

/// A thread-safe count.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// The root pages (`/simple/`, the home page) cost a read of every project at PyPI's size: one
/// render runs at a time, and while a slow one runs the last page is answered.
@Suite(.timeLimit(.minutes(1))) struct ReadModelRootTests {
    private func body(_ text: String) -> CachedBody {
        CachedBody(bytes: Array(text.utf8), contentType: "text/plain", cacheControl: "no-cache")
    }

    private func text(_ answer: RootAnswer?) -> String {
        switch answer {
        case .current(let body): "current " + String(buffer: body.buffer)
        case .stale(let body): "stale " + String(buffer: body.buffer)
        case nil: "none"
        }
    }

    private func change(_ store: InMemoryIndexStore, _ clock: FixedClock, _ model: ReadModel) async throws {
        try await store.write { tx in
            _ = try await tx.appendJournal(
                normalizedName: "demo", projectName: "demo", version: nil, action: "create", time: clock.now(),
                actor: nil)
        }
        await model.catchUp()
    }

    @Test func aSlowRenderIsAnsweredFromTheLastPageWhileTheNextOneRuns() async throws {
        let (store, clock) = (InMemoryIndexStore(), FixedClock())
        let model = ReadModel(store: store, clock: clock)
        await model.catchUp()
        let renders = Counter()
        let first = try await model.rootPage(.simple(.html)) {
            renders.increment()
            clock.advance(by: 2)  // a render of PyPI's whole list
            return body("one")
        }
        #expect(text(first) == "current one")
        try await change(store, clock, model)
        let gate = Gate()
        let slow = { @Sendable () async throws -> CachedBody? in
            renders.increment()
            await gate.wait()
            return body("two")
        }
        #expect(text(try await model.rootPage(.simple(.html), render: slow)) == "stale one")
        #expect(text(try await model.rootPage(.simple(.html), render: slow)) == "stale one")
        // The render held at the gate: once let go and ended, its page is the current one.
        let running = try #require(model.state.withLock { $0.rootRenders[.simple(.html)] })
        gate.open()
        _ = try await running.value
        let answer = try await model.rootPage(.simple(.html), render: slow)
        #expect(text(answer) == "current two")
        #expect(renders.value == 2, "one render at a time: the requests during it did not start their own")
        let json = try await model.rootPage(.simple(.v1JSON)) { body("json") }
        #expect(text(json) == "current json", "each format has its own page")
    }

    @Test func aFastRenderIsWaitedForSoAWriteShowsAtOnce() async throws {
        let (store, clock) = (InMemoryIndexStore(), FixedClock())
        let model = ReadModel(store: store, clock: clock)
        await model.catchUp()
        #expect(text(try await model.rootPage(.home(origin: "", language: .en)) { body("one") }) == "current one")
        try await change(store, clock, model)
        let renders = Counter()
        let gate = Gate()
        let (started, renderStarted) = AsyncStream.makeStream(of: Void.self)
        let render = { @Sendable () async throws -> CachedBody? in
            renders.increment()
            renderStarted.yield()
            await gate.wait()
            return body("two")
        }
        async let a = model.rootPage(.home(origin: "", language: .en), render: render)
        async let b = model.rootPage(.home(origin: "", language: .en), render: render)
        // Let the render go once it runs. The other request shares it either way: it waits for
        // it, or (when it comes after the render ended) is answered the page that render kept.
        for await _ in started { break }
        gate.open()
        let answers = try await [a, b].map(text)
        #expect(answers == ["current two", "current two"])
        #expect(renders.value == 1, "the two requests shared one render")
    }

    @Test func aRenderDuringWhichAChangeLandedIsNotKept() async throws {
        let (store, clock) = (InMemoryIndexStore(), FixedClock())
        let model = ReadModel(store: store, clock: clock)
        await model.catchUp()
        let renders = Counter()
        let during = try await model.rootPage(.home(origin: "", language: .en)) {
            renders.increment()
            try await change(store, clock, model)
            return body("during")
        }
        #expect(text(during) == "current during")
        #expect(
            text(
                try await model.rootPage(.home(origin: "", language: .en)) {
                    renders.increment()
                    return body("after")
                }) == "current after")
        #expect(renders.value == 2)
    }

    @Test func aStaleAnswerIsKeptInFrontForSecondsOnly() async throws {
        let page = CachedBody(
            bytes: Array("list".utf8), contentType: "text/html", cacheControl: "max-age=600, public",
            headers: [HTTPField.Name("Surrogate-Control")!: CacheHeaders.surrogateControl])
        let request = Request(
            head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/simple/"),
            body: RequestBody(buffer: ByteBuffer()))
        let surrogate = HTTPField.Name("Surrogate-Control")!
        #expect(RootAnswer.current(page).response(to: request).headers[surrogate] == CacheHeaders.surrogateControl)
        #expect(RootAnswer.stale(page).response(to: request).headers[surrogate] == RootAnswer.staleSurrogateControl)
    }
}

/// Holds renders until opened.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
