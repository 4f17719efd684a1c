import HTTPTypes
import NIOHTTP1

/// The status and headers of a stored file's answer, and which of its bytes it carries: `ETag`
/// and `If-None-Match`, `Range` (``ByteRange``), cacheable forever. One place for both paths
/// that send files: ``PackageFileController`` (through Hummingbird) and ``FastReadPath`` (on the
/// event loop, with `sendfile(2)`).
struct FileAnswerHead {
    /// Which bytes of the blob follow the head.
    enum Bytes: Equatable {
        /// All of them, with 200.
        case whole
        /// These, with 206.
        case range(Range<Int>)
        /// None: 304 or 416.
        case none
    }

    var status: HTTPResponse.Status
    var headers: HTTPFields
    var bytes: Bytes

    /// The answer to a request for a blob of `size` bytes whose strong validator is `etag`, with
    /// the request's `If-None-Match` values and `Range` header.
    init(size: Int, etag: String, ifNoneMatch: [String], range: String?) {
        headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.cacheControl] = PackageFileController.cacheControl
        headers[.eTag] = etag
        if !ifNoneMatch.isEmpty, CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: etag) {
            (status, bytes) = (.notModified, .none)
            return
        }
        headers[.acceptRanges] = "bytes"
        headers[.accessControlAllowOrigin] = "*"
        switch ByteRange(header: range, size: size) {
        case .whole:
            (status, bytes) = (.ok, .whole)
            headers[.contentLength] = String(size)
        case .partial(let range):
            (status, bytes) = (.partialContent, .range(range))
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
            headers[.contentLength] = String(range.count)
        case .unsatisfiable:
            (status, bytes) = (.rangeNotSatisfiable, .none)
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentLength] = "0"
        }
    }

    /// The bytes to send of a blob of `size` bytes (`nil`: none).
    func offsets(size: Int) -> Range<Int>? {
        switch bytes {
        case .whole: 0..<size
        case .range(let range): range
        case .none: nil
        }
    }

    /// The status and headers as NIO's HTTP/1 types, for ``FastReadHandler``.
    var http1: (status: HTTPResponseStatus, headers: HTTPHeaders) {
        (
            HTTPResponseStatus(statusCode: Int(status.code)),
            HTTPHeaders(headers.map { ($0.name.rawName, $0.value) })
        )
    }
}
