import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// `GET /api/changes`: the journal in pages with a cursor to the end, immutable full pages, a
/// short-lived tail, strong ETags answered with 304, and a clear 400 for a bad parameter.
@Suite struct ChangesFeedTests {
    private let serialHeader = HTTPField.Name("X-PyPI-Last-Serial") ?? .server

    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    private func serials(_ page: [String: Any]) -> [Int] {
        (page["changes"] as? [[String: Any]] ?? []).compactMap { $0["serial"] as? Int }
    }

    @Test func walksTheJournalPageByPageToTheEnd() async throws {
        let fixture = try await HTTPFixture()
        let demo = try await fixture.seed("Demo_Pkg", versions: ["1.0", "2.0"])
        let other = try await fixture.seed("other", versions: ["0.1"])
        try await fixture.application.test(.router) { client in
            var uri: String? = "/api/changes?since=0&limit=2"
            var seen: [Int] = []
            var pages = 0
            while let next = uri {
                let response = try await client.execute(uri: next, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[serialHeader] == String(other[1]))
                let page = try json(response)
                #expect(page["last_serial"] as? Int == Int(other[1]))
                let full = serials(page).count == 2
                #expect(
                    response.headers[.cacheControl]
                        == (full ? "max-age=31536000, immutable, public" : "max-age=10, public"))
                seen += serials(page)
                uri = page["next"] as? String
                if full { #expect(uri == "/api/changes?since=\(serials(page).last ?? 0)&limit=2") }
                pages += 1
            }
            #expect(seen == (demo + other).map(Int.init))
            #expect(pages == 3)
            let first = try json(try await client.execute(uri: "/api/changes?limit=1", method: .get))
            let change = try #require((first["changes"] as? [[String: Any]])?.first)
            #expect(first["since"] as? Int == 0)
            #expect(change["serial"] as? Int == Int(demo[0]))
            #expect(change["project"] as? String == "demo-pkg")
            #expect(change["name"] as? String == "Demo_Pkg")
            #expect(change["version"] is NSNull)
            #expect(change["action"] as? String == "create")
            #expect(change["time"] as? String == "2026-01-01T00:00:00Z")
            let second = try json(try await client.execute(uri: "/api/changes?since=1&limit=1", method: .get))
            #expect((second["changes"] as? [[String: Any]])?.first?["version"] as? String == "1.0")
        }
    }

    @Test func answersTheDefaultsAndAnEmptyTail() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let empty = try await client.execute(uri: "/api/changes", method: .get)
            #expect(String(buffer: empty.body) == #"{"since":0,"last_serial":0,"changes":[],"next":null}"#)
            #expect(empty.headers[.eTag]?.hasPrefix(#""changes-"#) == true)
            let head = try await client.execute(uri: "/api/changes?since=7", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func aStrongETagOfThePageIsAnsweredWith304UntilTheTailMoves() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.seed("demo", versions: ["1.0", "2.0"])
        try await fixture.application.test(.router) { client in
            let full = try await client.execute(uri: "/api/changes?since=0&limit=2", method: .get)
            let fullTag = try #require(full.headers[.eTag])
            let tail = try await client.execute(uri: "/api/changes?since=2&limit=2", method: .get)
            let tag = try #require(tail.headers[.eTag])
            #expect(tag != fullTag)
            let again = try await client.execute(
                uri: "/api/changes?since=2&limit=2", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.cacheControl] == "max-age=10, public")
            #expect(again.headers[serialHeader] == "3")
            try await fixture.seed("later")
            let moved = try await client.execute(
                uri: "/api/changes?since=2&limit=2", method: .get, headers: [.ifNoneMatch: tag])
            #expect(moved.status == .ok)
            #expect(moved.headers[.eTag] != tag)
            #expect(moved.headers[.cacheControl] == "max-age=31536000, immutable, public")
            // A full page's entries stay; its last_serial moved, and so did its tag (the body's digest).
            let stillFull = try await client.execute(
                uri: "/api/changes?since=0&limit=2", method: .get, headers: [.ifNoneMatch: "W/" + fullTag])
            #expect(stillFull.status == .ok && stillFull.headers[.eTag] != fullTag)
            let unchanged = try await client.execute(
                uri: "/api/changes?since=0&limit=2", method: .get,
                headers: [.ifNoneMatch: try #require(stillFull.headers[.eTag])])
            #expect(unchanged.status == .notModified)
        }
    }

    @Test func badParametersAnswer400WithTheRule() async throws {
        let fixture = try await HTTPFixture()
        let since = "since must be a serial: a whole number, 0 or more."
        let limit = "limit must be a whole number from 1 to 10000."
        let cases = [
            ("since=-1", since), ("since=abc", since), ("since=", since), ("since=%2B1", since), ("since=1.0", since),
            ("since=99999999999999999999", since), ("since=1&since=2", since), ("limit=0", limit),
            ("limit=10001", limit), ("limit=1.5", limit), ("limit=-5", limit), ("since=3&limit=x", limit),
        ]
        try await fixture.application.test(.router) { client in
            for (query, message) in cases {
                let response = try await client.execute(uri: "/api/changes?\(query)", method: .get)
                #expect(response.status.code == 400, "\(query)")
                #expect(String(buffer: response.body) == message, "\(query)")
            }
            #expect(try await client.execute(uri: "/api/changes?limit=10000", method: .get).status == .ok)
        }
    }
}
