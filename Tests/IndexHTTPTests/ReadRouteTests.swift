import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import Testing

@testable import IndexHTTP

@Suite struct ReadRouteTests {
    /// A fixture with demo 1.0 uploaded as a wheel.
    private func uploaded() async throws -> (HTTPFixture, DistributionFile) {
        let fixture = try await HTTPFixture()
        return (fixture, try await fixture.uploadDemoWheel())
    }

    @Test(
        arguments: [
            (nil, "text/html; charset=utf-8"),
            ("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+json"),
            (
                "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01",
                "application/vnd.pypi.simple.v1+json"
            ),
            ("text/html;q=0.5, application/vnd.pypi.simple.v1+html", "application/vnd.pypi.simple.v1+html"),
            ("image/png", "text/html; charset=utf-8"),
            ("*/*", "text/html; charset=utf-8"),
        ] as [(String?, String)])
    func projectPageIsNegotiatedByAccept(accept: String?, contentType: String) async throws {
        let (fixture, _) = try await uploaded()
        try await fixture.application.test(.router) { client in
            var headers: HTTPFields = [:]
            if let accept { headers[.accept] = accept }
            let response = try await client.execute(uri: "/simple/demo/", method: .get, headers: headers)
            #expect(response.status.code == 200)
            #expect(response.headers[.contentType] == contentType)
            #expect(response.headers[.vary] == "Accept")
            #expect(response.headers[.cacheControl] == "max-age=600, public")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(String(buffer: response.body).contains("demo-1.0-py3-none-any.whl"))
        }
    }

    @Test func etagMatchAnswers304() async throws {
        let (fixture, _) = try await uploaded()
        try await fixture.application.test(.router) { client in
            let first = try await client.execute(uri: "/simple/demo/", method: .get)
            let etag = try #require(first.headers[.eTag])
            let second = try await client.execute(uri: "/simple/demo/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(second.status.code == 304)
            #expect(second.body.readableBytes == 0)
            let json = try await client.execute(
                uri: "/simple/demo/", method: .get,
                headers: [.ifNoneMatch: etag, .accept: "application/vnd.pypi.simple.v1+json"])
            #expect(json.status.code == 200)
        }
    }

    @Test(arguments: ["/simple/Demo/", "/simple/demo", "/simple/DEMO"])
    func nonNormalizedNamesRedirect301(uri: String) async throws {
        let (fixture, _) = try await uploaded()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status.code == 301)
            #expect(response.headers[.location] == "/simple/demo/")
        }
    }

    @Test func unknownProjectIs404AndIndexListsProjects() async throws {
        let (fixture, _) = try await uploaded()
        try await fixture.application.test(.router) { client in
            #expect(try await client.execute(uri: "/simple/nothing/", method: .get).status.code == 404)
            let index = try await client.execute(uri: "/simple/", method: .get)
            #expect(String(buffer: index.body).contains("/simple/demo/"))
            let head = try await client.execute(uri: "/simple/", method: .head)
            #expect(head.status.code == 200)
            #expect(head.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/_health/", method: .get).status.code == 200)
        }
    }

    @Test func packageFileDownloadsWholeAndByRange() async throws {
        let (fixture, file) = try await uploaded()
        let bytes = DistributionBuilder().wheel().bytes
        try await fixture.application.test(.router) { client in
            let uri = "/packages/\(file.upload.blobPath)"
            let whole = try await client.execute(uri: uri, method: .get)
            #expect(whole.status.code == 200)
            #expect(Array(buffer: whole.body) == bytes)
            #expect(whole.headers[.cacheControl] == "max-age=365000000, immutable, public")
            #expect(whole.headers[.contentType] == "application/octet-stream")
            let part = try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=2-9"])
            #expect(part.status.code == 206)
            #expect(Array(buffer: part.body) == Array(bytes[2...9]))
            #expect(part.headers[.contentRange] == "bytes 2-9/\(bytes.count)")
            let tail = try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=-4"])
            #expect(Array(buffer: tail.body) == Array(bytes.suffix(4)))
            let beyond = try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=\(bytes.count)-"])
            #expect(beyond.status.code == 416)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status.code == 200)
            #expect(head.headers[.contentLength] == String(bytes.count))
            let metadata = try await client.execute(uri: uri + ".metadata", method: .get)
            #expect(metadata.status.code == 200)
            #expect(Array(buffer: metadata.body) == DistributionBuilder().metadataFile)
        }
    }

    @Test(arguments: [
        "/packages/..%2f..%2fetc/passwd", "/packages/%2F%2F%2F..%2F..%2Fetc%2Fpasswd", "/packages/../../etc/passwd",
        "/packages/%252e%252e/x", "/packages/ab/cd/ef/demo-1.0-py3-none-any.whl", "/packages/x%00.whl",
    ])
    func pathsNotInTheStoreAre404(uri: String) async throws {
        let (fixture, _) = try await uploaded()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status.code == 404)
        }
    }
}
