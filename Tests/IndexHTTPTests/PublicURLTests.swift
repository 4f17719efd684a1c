import Foundation
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import IndexHTTP

/// Where pages link (issue 24): root-relative by default, so a cache in front is never bypassed;
/// absolute under a configured base URL or files URL; the JSON API under the host asked for.
@Suite struct PublicURLTests {
    /// The fixture's ports with `demo 1.0` uploaded, served with `baseURL` and `filesURL`.
    func application(_ fixture: HTTPFixture, baseURL: String?, filesURL: String? = nil) async throws
        -> some ApplicationProtocol
    {
        try await fixture.uploadDemoWheel()
        return buildApplication(
            configuration: IndexServerConfiguration(baseURL: baseURL, filesURL: filesURL),
            store: fixture.store, blobs: fixture.blobs, clock: fixture.clock, security: fixture.security)
    }

    /// The file URLs of the simple page (HTML hrefs and JSON `url`s), the JSON API's `url`s and
    /// the project page's file links.
    func links(_ client: some TestClientProtocol) async throws -> (
        html: [String], json: [String], api: [String], page: [String]
    ) {
        let html = String(buffer: try await client.execute(uri: "/simple/demo/", method: .get).body)
        let json = try await client.execute(
            uri: "/simple/demo/", method: .get, headers: [.accept: "application/vnd.pypi.simple.v1+json"])
        let api = try await client.execute(uri: "/pypi/demo/json", method: .get)
        let page = String(buffer: try await client.execute(uri: "/project/demo/", method: .get).body)
        let hrefs = { (text: String) in
            text.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                .filter { $0.contains("/packages/") }
        }
        let simpleFiles = try #require(
            (try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["files"]
                as? [[String: Any]])
        let apiFiles = try #require(
            (try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])?["urls"]
                as? [[String: Any]])
        return (
            hrefs(html), simpleFiles.compactMap { $0["url"] as? String }, apiFiles.compactMap { $0["url"] as? String },
            hrefs(page)
        )
    }

    @Test func withoutABaseURLPagesLinkRootRelativeAndTheJSONAPIUnderTheHostAsked() async throws {
        let fixture = try await HTTPFixture()
        try await application(fixture, baseURL: nil).test(.router) { client in
            let links = try await links(client)
            #expect(!links.html.isEmpty && links.html.allSatisfy { $0.hasPrefix("/packages/") }, "\(links.html)")
            #expect(links.json.count == 1 && links.json.allSatisfy { $0.hasPrefix("/packages/") }, "\(links.json)")
            #expect(!links.page.isEmpty && links.page.allSatisfy { $0.hasPrefix("/packages/") }, "\(links.page)")
            // The test client names `localhost`, as a client through a cache names the cache.
            #expect(links.api.count == 1 && links.api.allSatisfy { $0.hasPrefix("http://localhost/packages/") })
            let home = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(home.contains("pip install --index-url http://localhost/simple/"))
            #expect(!home.contains("127.0.0.1"))
            // The links resolve: the file is served at the path the page names.
            let file = try await client.execute(uri: links.json[0], method: .get)
            #expect(file.status == .ok)
        }
    }

    @Test func aConfiguredBaseURLMakesEveryLinkAbsolute() async throws {
        let fixture = try await HTTPFixture()
        try await application(fixture, baseURL: "https://pypi.example/").test(.router) { client in
            let links = try await links(client)
            for link in links.html + links.json + links.api + links.page {
                #expect(link.hasPrefix("https://pypi.example/packages/"), "\(link)")
            }
            #expect(links.api.count == 1 && links.json.count == 1)
        }
    }

    @Test func aFilesURLLinksFilesThere() async throws {
        let fixture = try await HTTPFixture()
        try await application(fixture, baseURL: "https://pypi.example", filesURL: "https://files.example")
            .test(.router) { client in
                let links = try await links(client)
                for link in links.html + links.json + links.api + links.page {
                    #expect(link.hasPrefix("https://files.example/packages/"), "\(link)")
                }
                let api = String(buffer: try await client.execute(uri: "/pypi/demo/json", method: .get).body)
                #expect(api.contains("https://pypi.example/project/demo/"), "\(api.prefix(400))")
            }
    }

    @Test(
        arguments: [
            ("cache.example:6081", "http://cache.example:6081"), ("127.0.0.1", "http://127.0.0.1"),
            ("[::1]:8000", "http://[::1]:8000"), ("Pypi.Example", "http://pypi.example"),
            ("evil.example/x", nil), ("a@evil.example", nil), ("host:port", nil), ("host:123456", nil),
            ("", nil), ("[::1", nil), ("[zz]", nil), ("a b", nil), ("host:", nil),
        ] as [(String, String?)])
    func onlyAPlainHostNameOrAddressIsAnOrigin(host: String, origin: String?) {
        #expect(PublicURLs.origin(host: host) == origin)
    }

    @Test func aBadOrMissingHostLinksRootRelativeAndAConfiguredBaseIgnoresTheHost() {
        let urls = PublicURLs(base: nil, files: nil)
        #expect(urls.absolute(host: "evil.example/x").urls.file(blobPath: "ab/cd/x.whl") == "/packages/ab/cd/x.whl")
        #expect(urls.absolute(host: nil).urls.file(blobPath: "ab/cd/x.whl") == "/packages/ab/cd/x.whl")
        let configured = PublicURLs(base: "https://pypi.example", files: nil)
        let answer = configured.absolute(host: "cache.example")
        #expect(answer.urls.base == "https://pypi.example" && answer.origin == "" && answer.keep)
        #expect(configured.knownOrigin(host: "anything.example") == "")
    }

    @Test func documentsAreKeptForTheFirstSixteenHostsOnly() {
        let urls = PublicURLs(base: nil, files: nil)
        for index in 0..<PublicURLs.maximumOrigins {
            let answer = urls.absolute(host: "host\(index).example")
            #expect(answer.keep && answer.origin == "http://host\(index).example")
        }
        let extra = urls.absolute(host: "one-too-many.example")
        #expect(!extra.keep, "a made-up Host cannot churn the read model")
        #expect(extra.urls.base == "http://one-too-many.example", "but is still answered its own links")
        #expect(urls.absolute(host: "host3.example").keep)
        #expect(urls.knownOrigin(host: "host3.example") == "http://host3.example")
        #expect(urls.knownOrigin(host: "one-too-many.example") == nil)
    }

    @Test func theFastPathAnswersTheJSONAPIOnlyForItsOwnHost() async throws {
        let model = ReadModel(store: InMemoryIndexStore(), clock: FixedClock())
        let urls = PublicURLs(base: nil, files: nil)
        let path = FastReadPath(model: model, urls: urls)
        await model.refreshIfDue()
        let origin = urls.absolute(host: "cache.example").origin
        let body = CachedBody(bytes: Array("{}".utf8), contentType: "application/json", cacheControl: "max-age=900")
        _ = try await model.page(.projectJSON(origin: origin), of: "demo") { body }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/pypi/demo/json")
        head.headers.add(name: "Host", value: "cache.example")
        #expect(path.answer(head)?.body == [body.buffer])
        var other = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/pypi/demo/json")
        other.headers.add(name: "Host", value: "origin.example:8000")
        #expect(path.answer(other) == nil, "another host's document is another page")
    }
}
