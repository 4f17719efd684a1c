import HTTPTypes
import Hummingbird

/// A rendered read-path body with its strong ETag, answered with the cache headers PyPI sends
/// (reference b.2, b.7) and `304 Not Modified` when the client already has it.
struct CachedBody: Sendable {
    let bytes: [UInt8]
    let contentType: String
    let etag: String

    init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
        etag = "\"\(APITokenString.sha256Hex(bytes))\""
    }

    /// The response to `request`, with `headers` added (serial, surrogate keys...).
    func response(
        to request: Request, cacheControl: String, headers extra: HTTPFields = [:], vary: Bool = true
    ) -> Response {
        var headers = extra
        headers.append(contentsOf: CORS.headers)
        headers[.eTag] = etag
        headers[.cacheControl] = cacheControl
        if vary { headers[.vary] = "Accept" }
        if Self.matches(ifNoneMatch: request.headers[values: .ifNoneMatch], etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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
    static var headers: HTTPFields {
        [
            .accessControlAllowOrigin: "*",
            .accessControlAllowMethods: "GET",
            .accessControlAllowHeaders: "Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since",
            .accessControlMaxAge: "86400",
            .accessControlExposeHeaders: "X-PyPI-Last-Serial",
        ]
    }
}

extension HTTPFields {
    /// Sets the field named `name` (a constant, valid name; an invalid one is skipped).
    mutating func set(_ name: String, _ value: String) {
        if let fieldName = HTTPField.Name(name) { self[fieldName] = value }
    }
}
