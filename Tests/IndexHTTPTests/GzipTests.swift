import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import NIOHTTP1
import PythonPackaging
import Testing

@testable import IndexHTTP

/// Large cached pages (`/simple/` of a big index) go out gzip-compressed to clients that ask.
@Suite struct GzipTests {
    @Test(
        arguments: [
            ("gzip, deflate", true), ("deflate, gzip;q=0.5", true), ("*", true), ("GZIP", true),
            ("gzip;q=0", false), ("gzip; q=0.0, deflate", false), ("deflate, br", false), ("", false),
        ] as [(String, Bool)])
    func acceptEncodingIsRead(header: String, accepts: Bool) {
        #expect(Gzip.accepted(header) == accepts)
    }

    static func inflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let inflater = Inflater(
            source: InMemoryArchiveSource(bytes), range: 0..<bytes.count, format: .gzip, limit: 1 << 30)
        var out: [UInt8] = []
        while let chunk = try inflater.next() { out += chunk }
        return out
    }

    @Test func aLargeBodyHasAGzipRepresentationWithItsOwnETag() throws {
        let page = Array((0..<5000).map { "<a href=\"/simple/project-\($0)/\">project-\($0)</a><br/>\n" }.joined().utf8)
        let body = CachedBody(bytes: page, contentType: "text/html", cacheControl: "max-age=600")
        let gzipped = try #require(body.gzipped)
        #expect(try Self.inflate(Array(buffer: gzipped.buffer)) == page)
        #expect(gzipped.buffer.readableBytes < page.count / 4)
        #expect(gzipped.etag != body.etag)
        #expect(gzipped.headers[.contentEncoding] == "gzip")
        #expect(gzipped.headers[.vary] == "Accept, Accept-Encoding")
        #expect(gzipped.headers[.contentLength] == String(gzipped.buffer.readableBytes))
        let small = CachedBody(bytes: Array("<html>".utf8), contentType: "text/html", cacheControl: "max-age=600")
        #expect(small.gzipped == nil, "a small body is sent as it is")
    }

    @Test func theFastPathAnswersGzipToWhoAsksAndPlainToWhoDoesNot() async throws {
        let model = ReadModel(store: InMemoryIndexStore(), clock: FixedClock())
        let path = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil))
        await model.refreshIfDue()
        let page = Array(String(repeating: "<a href=\"/simple/x/\">x</a><br/>\n", count: 2000).utf8)
        let body = CachedBody(bytes: page, contentType: "text/html", cacheControl: "max-age=600")
        _ = try await model.page(.simple(.html), of: "x") { body }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/simple/x/")
        #expect(try #require(path.answer(head)).headers.first(name: "Content-Encoding") == nil)
        head.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        let answer = try #require(path.answer(head))
        #expect(answer.headers.first(name: "Content-Encoding") == "gzip")
        #expect(try Self.inflate(Array(buffer: try #require(answer.body.first))) == page)
        head.headers.add(name: "If-None-Match", value: try #require(body.gzipped).etag)
        #expect(path.answer(head)?.status == .notModified)
    }
}
