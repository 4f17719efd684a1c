import Foundation
import Glibc
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
    /// A raw answer's lines without the two that differ on every answer.
    static func withoutDateAndID(_ answer: String) -> [Substring] {
        answer.split(separator: "\r\n").filter { !$0.hasPrefix("Date: ") && !$0.hasPrefix("X-Request-ID: ") }
    }

    @Test(
        arguments: [
            ("/simple/", "/"), ("/simple/demo/", "demo"), ("/pypi/demo/json", "demo"), ("/simple/Demo/", nil),
            ("/simple/demo", nil), ("/simple/demo/?x=1", nil), ("/packages/ab/cd/x.whl", nil),
            ("/pypi/demo/1.0/json", nil), ("/project/demo/", "demo"), ("/project/Demo/", nil),
            ("/project/demo/1.0/", nil), ("/project/demo", nil),
            ("/simple//", nil), ("simple/demo/", nil),
        ] as [(String, String?)])
    func onlyNormalizedPagesAreFastPathPages(uri: String, project: String?) {
        #expect(FastReadPath.page(uri: uri, accept: nil, origin: { "" })?.1 == project)
    }

    @Test func aHeldPageIsAnsweredWith304AndHEADAndNothingElseIs() async throws {
        let store = InMemoryIndexStore()
        let clock = FixedClock()
        let model = ReadModel(store: store, clock: clock)
        let path = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil))
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/simple/demo/")
        #expect(path.answer(head) == nil, "before the model has read the journal")
        await model.refreshIfDue()
        #expect(path.answer(head) == nil, "not held yet")
        let body = CachedBody(bytes: Array("<html>".utf8), contentType: "text/html", cacheControl: "max-age=600")
        _ = try await model.page(.simple(.html), of: "demo") { body }

        let answer = try #require(path.answer(head))
        #expect(answer.status == .ok)
        #expect(answer.body == [body.buffer])
        #expect(answer.headers.first(name: "ETag") == body.etag)
        #expect(answer.headers.first(name: "Content-Length") == "6")

        var conditional = head
        conditional.headers.add(name: "If-None-Match", value: body.etag)
        #expect(path.answer(conditional)?.status == .notModified)
        #expect(path.answer(conditional)?.body == [])
        var headOnly = head
        headOnly.method = .HEAD
        #expect(path.answer(headOnly)?.body == [])
        var json = head
        json.headers.add(name: "Accept", value: "application/vnd.pypi.simple.v1+json")
        #expect(path.answer(json) == nil, "another format is another page")
        var post = head
        post.method = .POST
        #expect(path.answer(post) == nil)
        clock.advance(by: 1)
        #expect(path.answer(head) == nil, "a journal read is due: Hummingbird's path does it")
    }

    @Test func keepAliveRequestsAreAnsweredOnTheEventLoopLikeHummingbirdWould() async throws {
        let fixture = try await HTTPFixture()
        let application = buildApplication(
            configuration: IndexServerConfiguration(host: "127.0.0.1", port: 0),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: fixture.security)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let get = "GET /simple/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            // One connection: the first answer comes from Hummingbird (and fills the model), the
            // next ones from the fast path; the same bytes but for Date and the request id.
            let answers = try await RawHTTP.offThePool { try RawHTTP.keepAlive(port: port, requests: [get, get, get]) }
            #expect(answers.count == 3)
            let withoutDate = answers.map(Self.withoutDateAndID)
            #expect(withoutDate.allSatisfy { $0.first == "HTTP/1.1 200 OK" })
            #expect(withoutDate[1] == withoutDate[2])
            #expect(Set(withoutDate[0]) == Set(withoutDate[1]))
        }
    }
}

extension FastReadPathTests {
    @Test func aProjectPageIsAnsweredOnTheEventLoopWithHummingbirdsHeaders() async throws {
        let fixture = try await HTTPFixture()
        let application = buildApplication(
            configuration: IndexServerConfiguration(host: "127.0.0.1", port: 0),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: fixture.security)
        try await application.test(.live) { client in
            let upload = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(fixture.token.text))
            #expect(upload.status == .ok)
            let port = try #require(client.port)
            let get = "GET /project/demo/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let answers = try await RawHTTP.offThePool { try RawHTTP.keepAlive(port: port, requests: [get, get, get]) }
            let withoutDate = answers.map(Self.withoutDateAndID)
            #expect(withoutDate.allSatisfy { $0.first == "HTTP/1.1 200 OK" })
            #expect(withoutDate[1] == withoutDate[2])
            #expect(Set(withoutDate[0]) == Set(withoutDate[1]), "the fast path's headers are Hummingbird's")
            #expect(answers[2].contains("Content-Security-Policy"))
        }
    }
}

extension RawHTTP {
    /// Sends `requests` one after the other on one connection, each once the previous answer
    /// (headers and `Content-Length` bytes) has arrived; the answers.
    static func keepAlive(port: Int, requests: [String]) throws -> [String] {
        let socket = try connected(port: port)
        defer { close(socket) }
        var answers: [String] = []
        for request in requests {
            try sendAll(socket, Array(request.utf8))
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !isComplete(response) {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw SocketError() }
                response += buffer[..<count]
            }
            answers.append(String(decoding: response, as: UTF8.self))
        }
        return answers
    }

    private static func isComplete(_ response: [UInt8]) -> Bool {
        let text = String(decoding: response, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let length =
            text[..<end.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        return text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length
    }
}

extension FastReadPath.Answer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.headers == rhs.headers && lhs.body == rhs.body
    }
}
