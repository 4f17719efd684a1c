import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore
import PythonPackaging

/// `GET /api/changes?since=SERIAL&limit=N`: the journal as pages of JSON, for mirrors that follow
/// the index without XML-RPC (``ChangesPage``). A full page never changes, so it is cached for a
/// year (`immutable`; its `last_serial` then reads "at least"); the tail page for seconds. The
/// strong ETag is the body's digest, answered with 304.
struct ChangesFeedController: Sendable {
    static let path = "/api/changes"
    static let defaultLimit: Int64 = 1_000
    static let maximumLimit: Int64 = 10_000
    static let fullPageCacheControl = "max-age=31536000, immutable, public"
    static let tailCacheControl = "max-age=10, public"

    let changelog: MirrorChangelog

    func register(on router: Router<IndexRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on(RouterPath(Self.path), method: method, use: handle)
        }
    }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let since = try Self.parameter(
            "since", of: request, default: 0, range: 0...Int64.max,
            message: "since must be a serial: a whole number, 0 or more.")
        let limit = try Self.parameter(
            "limit", of: request, default: Self.defaultLimit, range: 1...Self.maximumLimit,
            message: "limit must be a whole number from 1 to \(Self.maximumLimit).")
        let page = try await changelog.page(since: since, limit: Int(limit))
        let bytes = page.json(path: Self.path)
        var hasher = DistributionHasher()
        hasher.update(bytes)
        var headers = CORS.headers
        // The body's own digest: a full page's entries never change, its `last_serial` does.
        headers[.eTag] = "\"changes-\(hasher.finalize().sha256.prefix(32))\""
        headers[.cacheControl] = page.isFull ? Self.fullPageCacheControl : Self.tailCacheControl
        headers.set("X-PyPI-Last-Serial", String(page.lastSerial))
        let ifNoneMatch = request.headers[values: .ifNoneMatch]
        if !ifNoneMatch.isEmpty, CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: headers[.eTag] ?? "") {
            return Response(status: .notModified, headers: headers)
        }
        let body = ByteBuffer(bytes: bytes)
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The query parameter `name`: ASCII digits within `range`, `fallback` when absent; a 400
    /// with `message` otherwise (a sign, a fraction, a second value...).
    private static func parameter(
        _ name: String, of request: Request, default fallback: Int64, range: ClosedRange<Int64>, message: String
    ) throws -> Int64 {
        let values = request.uri.queryParameters.getAll(name)
        guard let text = values.first else { return fallback }
        guard values.count == 1, !text.isEmpty, text.utf8.count <= 19,
            text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(text), range.contains(value)
        else { throw MessageError(400, message, headers: CORS.headers) }
        return value
    }
}
