import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore
import NIOHTTP1

/// One published `/simple/` (``SimpleRoot``): for each format, plain and gzip, the buffers of
/// the body in order (prefix, segments, suffix; for gzip the member header and trailer around the
/// segments' DEFLATE blocks) and every header of the answer, built once per change. The
/// segments' buffers are shared with the previous page: a change costs its own segment and
/// a list of references, not a copy of 90 MB.
struct SimpleRootBody: Sendable {
    /// One representation: its buffers and its headers.
    struct Representation: Sendable {
        let parts: [ByteBuffer]
        /// The body's length (its `Content-Length`).
        let count: Int
        let etag: String
        let headers: HTTPFields
        let notModifiedHeaders: HTTPFields
        let http1Headers: HTTPHeaders
        let http1NotModifiedHeaders: HTTPHeaders

        /// The answer to `request`: 304 when it has this representation, no body for `HEAD`.
        func response(to request: Request) -> Response {
            let values = request.headers[values: .ifNoneMatch]
            if !values.isEmpty, CachedBody.matches(ifNoneMatch: values, etag: etag) {
                return Response(status: .notModified, headers: notModifiedHeaders)
            }
            if request.method == .head { return Response(status: .ok, headers: headers) }
            let parts = parts
            let body = ResponseBody(contentLength: count) { writer in
                for part in parts { try await writer.write(part) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    let serial: Int64
    /// By format: plain and gzip.
    private let html: (plain: Representation, gzip: Representation)
    private let v1HTML: (plain: Representation, gzip: Representation)
    private let v1JSON: (plain: Representation, gzip: Representation)

    /// The page at `serial` of the segments' `html` and `json` renderings, in order.
    init(serial: Int64, html: [Gzip.Part], json: [Gzip.Part]) {
        self.serial = serial
        let htmlParts =
            [Gzip.Part(SimpleIndex.htmlPrefix)] + html + [Gzip.Part(SimpleIndex.htmlSuffix(lastSerial: serial))]
        let jsonParts =
            [Gzip.Part(SimpleIndex.jsonPrefix(lastSerial: serial))] + json + [Gzip.Part(SimpleIndex.jsonSuffix)]
        // The buffers of each kind, plain and gzip (the trailer's CRC-32 combined once per kind).
        let htmlBuffers = (plain: htmlParts.map(\.plain), gzip: Self.gzipBuffers(htmlParts))
        let jsonBuffers = (plain: jsonParts.map(\.plain), gzip: Self.gzipBuffers(jsonParts))
        func both(_ format: SimpleFormat) -> (plain: Representation, gzip: Representation) {
            let (buffers, kind) = format == .v1JSON ? (jsonBuffers, "json") : (htmlBuffers, "html")
            return (
                Self.representation(
                    buffers.plain, format: format, etag: "\"root-\(serial)-\(kind)\"", serial: serial, gzip: false),
                Self.representation(
                    buffers.gzip, format: format, etag: "\"root-\(serial)-\(kind)-gzip\"", serial: serial, gzip: true)
            )
        }
        self.html = both(.html)
        self.v1HTML = both(.v1HTML)
        self.v1JSON = both(.v1JSON)
    }

    /// What a request for `format` gets, compressed when `gzip` (the client accepts it).
    func representation(_ format: SimpleFormat, gzip: Bool) -> Representation {
        let both =
            switch format {
            case .html: html
            case .v1HTML: v1HTML
            case .v1JSON: v1JSON
            }
        return gzip ? both.gzip : both.plain
    }

    /// The answer to `request`, by its `Accept` and `Accept-Encoding`.
    func response(to request: Request) -> Response {
        representation(
            SimpleFormat.negotiate(accept: request.headers[.accept]),
            gzip: Gzip.accepted(request.headers[.acceptEncoding])
        ).response(to: request)
    }

    /// One gzip member of `parts`: the header, their DEFLATE blocks, the trailer.
    private static func gzipBuffers(_ parts: [Gzip.Part]) -> [ByteBuffer] {
        [ByteBuffer(bytes: Gzip.memberHeader)] + parts.map(\.deflated) + [ByteBuffer(bytes: Gzip.trailer(after: parts))]
    }

    private static func representation(
        _ buffers: [ByteBuffer], format: SimpleFormat, etag: String, serial: Int64, gzip: Bool
    ) -> Representation {
        var headers = CORS.headers
        headers.set("X-PyPI-Last-Serial", String(serial))
        headers.set("Surrogate-Key", SurrogateKeys.allProjects)
        headers.set("Surrogate-Control", CacheHeaders.surrogateControl)
        headers[.eTag] = etag
        headers[.cacheControl] = SimpleController.cacheControl
        headers[.vary] = "Accept, Accept-Encoding"
        let notModified = headers
        headers[.contentType] = format.contentType
        if gzip { headers[.contentEncoding] = "gzip" }
        let count = buffers.reduce(0) { $0 + $1.readableBytes }
        headers[.contentLength] = String(count)
        return Representation(
            parts: buffers, count: count, etag: etag, headers: headers, notModifiedHeaders: notModified,
            http1Headers: HTTPHeaders(headers.map { ($0.name.rawName, $0.value) }),
            http1NotModifiedHeaders: HTTPHeaders(notModified.map { ($0.name.rawName, $0.value) }))
    }
}
