import HTTPTypes
import Hummingbird
import NIOHTTP1
import PythonPackaging

/// A rendered read-path body with its strong ETag and every header of its answer built once
/// (reference b.2, b.7), so a hit costs no rendering, hashing or header assembly: only the
/// `If-None-Match` check.
struct CachedBody: Sendable {
    let buffer: ByteBuffer
    let etag: String
    private let headers: HTTPFields
    private let notModifiedHeaders: HTTPFields
    /// The same headers as NIO's HTTP/1 type, for ``FastReadHandler``.
    let http1Headers: HTTPHeaders
    let http1NotModifiedHeaders: HTTPHeaders
    /// The gzip-compressed representation of a large body (``Gzip/threshold``), if any.
    let gzipped: Compressed?

    /// A compressed representation: its own bytes, ETag and headers.
    struct Compressed: Sendable {
        let buffer: ByteBuffer
        let etag: String
        let headers: HTTPFields
        let notModifiedHeaders: HTTPFields
        let http1Headers: HTTPHeaders
        let http1NotModifiedHeaders: HTTPHeaders
    }

    /// The body `bytes` of type `contentType`, answered with `cacheControl`, CORS, `Vary: Accept`
    /// when `vary` (and the headers in `varyAlso`), and `extra` (serial, surrogate keys...).
    init(
        bytes: [UInt8], contentType: String, cacheControl: String, headers extra: HTTPFields = [:], vary: Bool = true,
        varyAlso: [String] = []
    ) {
        buffer = ByteBuffer(bytes: bytes)
        var hasher = DistributionHasher()
        hasher.update(bytes)
        etag = "\"\(hasher.finalize().sha256)\""
        let compressed = bytes.count >= Gzip.threshold ? Gzip.compress(bytes) : nil
        var headers = extra
        headers.append(contentsOf: CORS.headers)
        headers[.eTag] = etag
        headers[.cacheControl] = cacheControl
        let varyOn = (vary ? ["Accept"] : []) + varyAlso + (compressed == nil ? [] : ["Accept-Encoding"])
        if !varyOn.isEmpty { headers[.vary] = varyOn.joined(separator: ", ") }
        notModifiedHeaders = headers
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        self.headers = headers
        http1Headers = HTTPHeaders(headers.map { ($0.name.rawName, $0.value) })
        http1NotModifiedHeaders = HTTPHeaders(notModifiedHeaders.map { ($0.name.rawName, $0.value) })
        let plainETag = etag
        let plainNotModified = notModifiedHeaders
        gzipped = compressed.map { compressed in
            // Its own strong ETag: a cache must not answer one representation with the other.
            let etag = String(plainETag.dropLast()) + "-gzip\""
            var notModified = plainNotModified
            notModified[.eTag] = etag
            var full = headers
            full[.eTag] = etag
            full[.contentEncoding] = "gzip"
            full[.contentLength] = String(compressed.count)
            return Compressed(
                buffer: ByteBuffer(bytes: compressed), etag: etag, headers: full, notModifiedHeaders: notModified,
                http1Headers: HTTPHeaders(full.map { ($0.name.rawName, $0.value) }),
                http1NotModifiedHeaders: HTTPHeaders(notModified.map { ($0.name.rawName, $0.value) }))
        }
    }

    /// How much memory the body holds, for the cache's budget.
    var cost: Int { buffer.readableBytes + (gzipped?.buffer.readableBytes ?? 0) + 512 }

    /// The answer to `request`: `304` when the client already has this body, no body for `HEAD`;
    /// compressed when the body has a gzip representation and the client accepts gzip.
    func response(to request: Request) -> Response {
        let values = request.headers[values: .ifNoneMatch]
        if let gzipped, Gzip.accepted(request.headers[.acceptEncoding]) {
            if !values.isEmpty, Self.matches(ifNoneMatch: values, etag: gzipped.etag) {
                return Response(status: .notModified, headers: gzipped.notModifiedHeaders)
            }
            if request.method == .head { return Response(status: .ok, headers: gzipped.headers) }
            return Response(status: .ok, headers: gzipped.headers, body: ResponseBody(byteBuffer: gzipped.buffer))
        }
        if !values.isEmpty, Self.matches(ifNoneMatch: values, etag: etag) {
            return Response(status: .notModified, headers: notModifiedHeaders)
        }
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks).
    static func matches(ifNoneMatch values: [String], etag: String) -> Bool {
        for value in values {
            for candidate in value.split(separator: ",") {
                var tag = candidate.trimmingWhitespace()
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == etag { return true }
            }
        }
        return false
    }
}

/// The CORS headers PyPI sends on its APIs (reference b.2).
enum CORS {
    static let headers: HTTPFields = [
        .accessControlAllowOrigin: "*",
        .accessControlAllowMethods: "GET",
        .accessControlAllowHeaders: "Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since",
        .accessControlMaxAge: "86400",
        .accessControlExposeHeaders: "X-PyPI-Last-Serial",
    ]
}

extension HTTPFields {
    /// Sets the field named `name` (a constant, valid name; an invalid one is skipped).
    mutating func set(_ name: String, _ value: String) {
        if let fieldName = HTTPField.Name(name) { self[fieldName] = value }
    }
}
