import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import IndexHTTP

/// The event-loop fast path answers only what the read model holds, exactly as Hummingbird
/// would, and never reorders a connection's responses.
@Suite struct FastReadPathTests {
    @Test(
        arguments: [
            ("/simple/", "/"), ("/simple/demo/", "demo"), ("/pypi/demo/json", "demo"), ("/simple/Demo/", nil),
            ("/simple/demo", nil), ("/simple/demo/?x=1", nil), ("/packages/ab/cd/x.whl", nil), ("/pypi/demo/1.0/json", nil),
            ("/simple//", nil), ("simple/demo/", nil),
        ] as [(String, String?)])
    func onlyNormalizedPagesAreFastPathPages(uri: String, project: String?) {
        #expect(FastReadPath.page(uri: uri, accept: nil)?.1 == project)
    }

    @Test func aHeldPageIsAnsweredWith304AndHEADAndNothingElseIs() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let model = ReadModel(store: store, clock: clock)
        let path = FastReadPath(model: model)
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/simple/demo/")
        #expect(path.answer(head) == nil, "before the model has read the journal")
        await model.refreshIfDue()
        #expect(path.answer(head) == nil, "not held yet")
        let body = CachedBody(bytes: Array("<html>".utf8), contentType: "text/html", cacheControl: "max-age=600")
        _ = try await model.page(.simple(.html), of: "demo") { body }

        let answer = try #require(path.answer(head))
        #expect(answer.status == .ok)
        #expect(answer.body == body.buffer)
        #expect(answer.headers.first(name: "ETag") == body.etag)
        #expect(answer.headers.first(name: "Content-Length") == "6")

        var conditional = head
        conditional.headers.add(name: "If-None-Match", value: body.etag)
        #expect(path.answer(conditional)?.status == .notModified)
        #expect(path.answer(conditional)?.body == nil)
        var headOnly = head
        headOnly.method = .HEAD
        #expect(path.answer(headOnly)?.body == nil)
        var json = head
        json.headers.add(name: "Accept", value: "application/vnd.pypi.simple.v1+json")
        #expect(path.answer(json) == nil, "another format is another page")
        var post = head
        post.method = .POST
        #expect(path.answer(post) == nil)
        clock.advance(by: 1)
        #expect(path.answer(head) == nil, "a journal read is due: Hummingbird's path does it")
    }

    @Test func pipelinedHitsAreAllAnsweredInOrder() async throws {
        let fixture = try await HTTPFixture()
        let application = buildApplication(
            configuration: IndexServerConfiguration(host: "127.0.0.1", port: 0),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let get = { (uri: String, close: Bool) in
                "GET \(uri) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(close ? "Connection: close\r\n" : "")\r\n"
            }
            // Fill the model, then pipeline three hits: each is answered on the event loop, in
            // order, and the decoder is asked for the next one each time.
            let first = try RawHTTP.exchange(port: port, request: Array(get("/simple/", true).utf8))
            #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
            let pipelined = get("/simple/", false) + get("/simple/", false) + get("/simple/", true)
            let answers = try RawHTTP.exchange(port: port, request: Array(pipelined.utf8))
            let statuses = answers.split(separator: "\r\n").filter { $0.hasPrefix("HTTP/1.1 ") }
            #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
            #expect(answers.split(separator: "\r\n").filter { $0 == "Server: cheeseshop" }.count == 3)
        }
    }
}

extension FastReadPath.Answer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.headers == rhs.headers && lhs.body == rhs.body
    }
}
