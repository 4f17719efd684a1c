import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// What the proxy asks of upstream indexes (the HTTP client, or a fake in tests).
public protocol UpstreamFetching: Sendable {
    /// The project page `<index><name>/`, revalidated with `etag` when given.
    func page(index: String, name: String, etag: String?) async throws -> UpstreamAnswer
    /// All of the body at `url`, at most `limit` bytes.
    func bytes(url: String, limit: Int) async throws -> [UInt8]
    /// The body at `url`, read as the caller asks for it.
    func open(url: String) async throws -> any UpstreamBody
}

/// An upstream's answer for a project page.
public enum UpstreamAnswer: Sendable {
    /// A page: its body, content type, validator, serial and final URL (after redirects).
    case page(body: [UInt8], contentType: String, etag: String?, url: String)
    /// The page did not change since the validator given.
    case notModified
    /// The upstream has no such project.
    case notFound
}

/// A response body being read.
public protocol UpstreamBody: AnyObject, Sendable {
    /// The size the upstream announced, if it did.
    var size: Int? { get }
    /// The next bytes, `nil` at the end.
    func next() async throws -> [UInt8]?
}

/// Upstream indexes over HTTP (AsyncHTTPClient): bounded connect and read timeouts, redirects
/// followed, the proxy's own `User-Agent`.
public struct HTTPUpstreamClient: UpstreamFetching {
    let client: HTTPClient
    let userAgent: String
    /// The longest wait for an answer's head, in seconds.
    let timeout: Int64
    /// The largest project page read (PyPI's largest are a few MB).
    static let maximumPageBytes = 64 << 20

    /// Runs `body` with a client whose timeouts are `timeout` seconds, shut down afterwards.
    public static func withClient<T: Sendable>(
        userAgent: String, timeout: Double, _ body: (HTTPUpstreamClient) async throws -> T
    ) async throws -> T {
        let seconds = Int64(max(1, timeout.rounded(.up)))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(min(seconds, 10)), read: .seconds(seconds)))
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let upstream = HTTPUpstreamClient(client: client, userAgent: userAgent, timeout: seconds)
        do {
            let result = try await body(upstream)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func page(index: String, name: String, etag: String?) async throws -> UpstreamAnswer {
        let url = (index.hasSuffix("/") ? index : index + "/") + name + "/"
        var request = request(url)
        request.headers.add(
            name: "Accept",
            value: "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        let response = try await client.execute(request, timeout: .seconds(timeout))
        switch response.status.code {
        case 200:
            var body = try await response.body.collect(upTo: Self.maximumPageBytes)
            return .page(
                body: body.readBytes(length: body.readableBytes) ?? [],
                contentType: response.headers.first(name: "Content-Type") ?? "text/html",
                etag: response.headers.first(name: "ETag"), url: url)
        case 304:
            return .notModified
        case 404, 410:
            return .notFound
        default:
            throw UpstreamError.status(Int(response.status.code), url: url)
        }
    }

    public func bytes(url: String, limit: Int) async throws -> [UInt8] {
        let response = try await client.execute(request(url), timeout: .seconds(timeout))
        guard response.status == .ok else { throw UpstreamError.status(Int(response.status.code), url: url) }
        var body = try await response.body.collect(upTo: limit)
        return body.readBytes(length: body.readableBytes) ?? []
    }

    public func open(url: String) async throws -> any UpstreamBody {
        let response = try await client.execute(request(url), timeout: .seconds(timeout))
        guard response.status == .ok else { throw UpstreamError.status(Int(response.status.code), url: url) }
        return HTTPUpstreamBody(
            size: response.headers.first(name: "Content-Length").flatMap(Int.init),
            iterator: response.body.makeAsyncIterator())
    }

    private func request(_ url: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: userAgent)
        return request
    }
}

/// A response body read chunk by chunk by one reader at a time.
final class HTTPUpstreamBody: UpstreamBody, @unchecked Sendable {
    let size: Int?
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(size: Int?, iterator: HTTPClientResponse.Body.AsyncIterator) {
        self.size = size
        self.iterator = iterator
    }

    func next() async throws -> [UInt8]? {
        guard var buffer = try await iterator.next() else { return nil }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}
