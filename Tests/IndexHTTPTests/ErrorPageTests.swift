import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

/// The site's own error pages: 404, 405 and 500 of web addresses in the site frame for a
/// browser, a plain-text line for other clients, the API's answers untouched.
@Suite struct ErrorPageTests {
    /// What Chromium and Firefox send for a page.
    static let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

    /// An error no handler expects, with text that must never reach the client.
    struct UnexpectedError: Error, CustomStringConvertible {
        var description: String { "disk /var/secret/index.sqlite is on fire" }
    }

    /// The application with extra routes that fail, registered after the others (as any route).
    private func application(_ fixture: HTTPFixture) -> some ApplicationProtocol {
        let router = buildRouter(
            configuration: IndexServerConfiguration(baseURL: "https://index.example"), store: fixture.store,
            blobs: fixture.blobs, clock: fixture.clock, security: fixture.security,
            model: ReadModel(store: fixture.store, clock: fixture.clock))
        for path in ["/boom", "/api/boom", "/simple/boom/x"] {
            router.get(RouterPath(path)) { _, _ -> Response in throw UnexpectedError() }
        }
        router.get("/only-post") { _, _ -> Response in
            throw HTTPError(.methodNotAllowed, headers: [.allow: "POST"])
        }
        return Application(router: router)
    }

    private func expectWebHeaders(_ response: TestResponse, _ what: String) throws {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "\(what)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(response.headers[try #require(HTTPField.Name("X-Frame-Options"))] == "DENY", "\(what)")
        #expect(response.headers[try #require(HTTPField.Name("Referrer-Policy"))] != nil, "\(what)")
        #expect(response.headers[.cacheControl] == "no-store", "\(what)")
        #expect(response.headers[.vary] == "Accept, Accept-Language, Cookie", "\(what)")
    }

    /// The site frame and the WCAG landmarks: lang, title, one h1, the skip link, header with
    /// the search form, main, footer, a link home.
    private func expectSiteFrame(_ html: String, title: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<title>\(title) · Cheeseshop</title>"))
        #expect(html.components(separatedBy: "<h1").count == 2)
        #expect(html.contains("<h1>\(title)</h1>"))
        #expect(html.contains("<a class=\"skip\" href=\"#content\">"))
        #expect(html.contains("<main id=\"content\">"))
        #expect(html.contains("<form class=\"search\" role=\"search\" method=\"get\" action=\"/search/\">"))
        #expect(html.contains("<label for=\"site-search\""))
        #expect(html.contains("<a class=\"brand\" href=\"/\">"))
        #expect(html.contains("<footer"))
    }

    @Test(arguments: ["/nope", "/projects/demo/", "/account/nope/", "/Project/demo"])
    func unknownAddressAnswersTheSite404PageToABrowser(uri: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get, headers: [.accept: Self.browserAccept])
            #expect(response.status == .notFound)
            #expect(response.status.reasonPhrase == "Not Found")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            try expectWebHeaders(response, uri)
            let html = String(buffer: response.body)
            expectSiteFrame(html, title: "Not found")
            #expect(html.contains("<a href=\"#site-search\">search box</a>"))
            #expect(html.contains("<a href=\"/\">home page</a>"))
        }
    }

    @Test(arguments: [nil, "*/*", "application/json", "text/plain", "text/html;q=0"] as [String?])
    func unknownAddressAnswersPlainTextToOtherClients(accept: String?) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            var headers: HTTPFields = [:]
            if let accept { headers[.accept] = accept }
            let response = try await client.execute(uri: "/nope/", method: .get, headers: headers)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(String(buffer: response.body) == "404 Not Found\n")
            try expectWebHeaders(response, accept ?? "no Accept")
        }
    }

    @Test func headAnswersTheHeadersWithoutABody() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let get = try await client.execute(uri: "/nope", method: .get, headers: [.accept: Self.browserAccept])
            let head = try await client.execute(uri: "/nope", method: .head, headers: [.accept: Self.browserAccept])
            #expect(head.status == .notFound)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentType] == "text/html; charset=utf-8")
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            let text = try await client.execute(uri: "/nope", method: .head)
            #expect(text.status == .notFound)
            #expect(text.body.readableBytes == 0)
            #expect(text.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test func apiAnswersAreUnchanged() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/simple/nonexistent/", "/pypi/nonexistent/json"] {
                let response = try await client.execute(
                    uri: uri, method: .get, headers: [.accept: Self.browserAccept])
                #expect(response.status.code == 404, "\(uri)")
                #expect(response.status.reasonPhrase == "Not Found", "\(uri)")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8", "\(uri)")
                #expect(response.headers[.accessControlAllowOrigin] == "*", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy] == nil, "\(uri)")
                #expect(response.headers[.vary] == nil, "\(uri)")
                #expect(String(buffer: response.body) == "Not Found", "\(uri)")
            }
            let file = try await client.execute(
                uri: "/packages/ab/cd/nothing-1.0.tar.gz", method: .get, headers: [.accept: Self.browserAccept])
            #expect(file.status.code == 404)
            #expect(String(buffer: file.body) == "Not Found")
            // Unmatched addresses under the API keep Hummingbird's bare 404.
            for uri in [
                "/simple/a/b/c/", "/pypi/a/b/c/d", "/api/nothing", "/_/nothing", "/legacy/x/y", "/snapshot/x",
                "/danger-api/x", "/metrics", "/_health/x", "/SIMPLE/a/b/c/",
            ] {
                let response = try await client.execute(
                    uri: uri, method: .get, headers: [.accept: Self.browserAccept])
                #expect(response.status.code == 404, "\(uri)")
                #expect(response.headers[.contentType] == nil, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy] == nil, "\(uri)")
                #expect(response.body.readableBytes == 0, "\(uri)")
            }
        }
    }

    @Test func aProjectPageNotFoundStaysInTheSiteFrame() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/project/nonexistent/", method: .get, headers: [.accept: Self.browserAccept])
            #expect(response.status.code == 404)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            expectSiteFrame(String(buffer: response.body), title: "Not found")
        }
    }

    @Test func getOnAPostOnlyAddressAnswersThe405PageWithAllow() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.application.test(.router) { client in
            let page = try await client.execute(
                uri: "/account/logout/", method: .get, headers: [.accept: Self.browserAccept])
            #expect(page.status == .methodNotAllowed)
            #expect(page.status.reasonPhrase == "Method Not Allowed")
            #expect(page.headers[.allow] == "POST")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            try expectWebHeaders(page, "405 page")
            let html = String(buffer: page.body)
            expectSiteFrame(html, title: "Method not allowed")
            #expect(html.contains("<code>GET</code>"))
            #expect(html.contains("(it takes POST)"))

            let text = try await client.execute(uri: "/account/logout/", method: .get, headers: [.accept: "*/*"])
            #expect(text.status == .methodNotAllowed)
            #expect(text.headers[.allow] == "POST")
            #expect(text.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(String(buffer: text.body) == "405 Method Not Allowed\n")
        }
    }

    @Test func thrown405KeepsItsAllowHeader() async throws {
        let fixture = try await HTTPFixture()
        try await application(fixture).test(.router) { client in
            let page = try await client.execute(uri: "/only-post", method: .get, headers: [.accept: Self.browserAccept])
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "POST")
            expectSiteFrame(String(buffer: page.body), title: "Method not allowed")
            let text = try await client.execute(uri: "/only-post", method: .get)
            #expect(String(buffer: text.body) == "405 Method Not Allowed\n")
        }
    }

    @Test func unexpectedErrorAnswersThe500PageWithoutItsText() async throws {
        let fixture = try await HTTPFixture()
        try await application(fixture).test(.router) { client in
            let page = try await client.execute(uri: "/boom", method: .get, headers: [.accept: Self.browserAccept])
            #expect(page.status == .internalServerError)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            try expectWebHeaders(page, "500 page")
            let html = String(buffer: page.body)
            expectSiteFrame(html, title: "Something went wrong")
            #expect(!html.contains("fire") && !html.contains("secret") && !html.contains("UnexpectedError"))

            let text = try await client.execute(uri: "/boom", method: .get, headers: [.accept: "*/*"])
            #expect(text.status == .internalServerError)
            #expect(String(buffer: text.body) == "500 Internal Server Error\n")

            let head = try await client.execute(uri: "/boom", method: .head, headers: [.accept: Self.browserAccept])
            #expect(head.status.code == 404, "no HEAD route: the not-found page")
            #expect(head.body.readableBytes == 0)

            // The API's 500 stays Hummingbird's bare one.
            for uri in ["/api/boom", "/simple/boom/x"] {
                let api = try await client.execute(uri: uri, method: .get, headers: [.accept: Self.browserAccept])
                #expect(api.status == .internalServerError, "\(uri)")
                #expect(api.body.readableBytes == 0, "\(uri)")
                #expect(api.headers[.contentSecurityPolicy] == nil, "\(uri)")
            }
        }
    }

    @Test(arguments: [
        ("text/html", true), ("application/xhtml+xml", true), ("TEXT/HTML; q=0.5", true),
        ("application/json, text/html;q=0.1", true), ("*/*", false), ("text/*", false), ("text/html;q=0", false),
        ("text/html;q=0.0", false), ("application/vnd.pypi.simple.v1+html", false), ("", false),
    ])
    func htmlIsForClientsThatNameIt(accept: String, html: Bool) {
        #expect(ErrorPage.acceptsHTML([accept]) == html)
    }

    @Test(arguments: [
        ("/simple/", true), ("/simple", true), ("/pypi/x/json", true), ("/packages/a", true), ("/legacy/", true),
        ("/api/projects", true), ("/_/oidc/audience", true), ("/_health", true), ("/metrics", true),
        ("/danger-api/x", true), ("/snapshot/index.sqlite", true), ("/", false), ("/project/demo/", false),
        ("/simpler/", false), ("/_healthy", false), ("/account/login/", false),
    ])
    func apiPathsAreTheAPIPrefixes(path: String, api: Bool) {
        #expect(ErrorPageMiddleware<IndexRequestContext>.isAPIPath(path) == api)
    }
}
