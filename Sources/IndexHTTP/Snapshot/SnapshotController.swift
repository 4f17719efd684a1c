import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore

/// `GET /snapshot/index.sqlite`: the public metadata snapshot, with an ETag of its serial (a
/// client that has it gets a 304), `X-PyPI-Last-Serial`, and cache headers for a short life in
/// front (it is rebuilt as the journal moves, not purged).
struct SnapshotController: Sendable {
    let snapshots: any MetadataSnapshotSource

    static let contentType = "application/vnd.sqlite3"
    static let cacheControl = "max-age=60, public"
    static let surrogateControl = "max-age=60, stale-while-revalidate=60, stale-if-error=86400"

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        guard let snapshot = try await snapshots.openCurrent() else {
            throw MessageError(
                503, "The metadata snapshot is being built; try again shortly.", headers: [.retryAfter: "10"])
        }
        var headers = HTTPFields()
        headers[.contentType] = Self.contentType
        headers[.cacheControl] = Self.cacheControl
        headers[.eTag] = "\"snapshot-\(snapshot.serial)\""
        headers[.accessControlAllowOrigin] = "*"
        headers.set("X-PyPI-Last-Serial", String(snapshot.serial))
        headers.set("Surrogate-Key", "snapshot")
        headers.set("Surrogate-Control", Self.surrogateControl)
        let ifNoneMatch = request.headers[values: .ifNoneMatch]
        if !ifNoneMatch.isEmpty, CachedBody.matches(ifNoneMatch: ifNoneMatch, etag: headers[.eTag] ?? "") {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(snapshot.size)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        let body = ResponseBody(contentLength: snapshot.size) { writer in
            for try await chunk in snapshot.bytes {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
