import HTTPTypes
import Hummingbird
import IndexCore

/// `GET /proxy/<sha256>/<filename>` and its `.metadata`: a file of a project proxied from
/// upstream (``PackageProxy``), streamed from upstream on the first request while it is stored,
/// from the blob store afterwards; cacheable forever, as its URL names its content.
struct ProxyFileController: Sendable {
    let proxy: any PackageProxy
    let blobs: any BlobStore
    let model: ReadModel

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let digest = try context.parameters.require("sha256")
        guard let raw = context.parameters.get("filename"), let name = PercentDecoding.decode(Substring(raw)) else {
            throw MessageError(404, "Not Found")
        }
        let metadata = name.hasSuffix(".metadata")
        let filename = metadata ? String(name.dropLast(".metadata".count)) : name
        let etag = "\"\(digest)\(metadata ? "-metadata" : "")\""
        let path = request.uri.path
        if let known = try await model.file(path: path, lookup: { nil }) {
            return try await PackageFileController.response(
                request, key: known.key, size: known.size, etag: etag, blobs: blobs)
        }
        let answer: ProxiedFile?
        do {
            answer = try await proxy.file(sha256: digest, filename: filename, metadata: metadata)
        } catch {
            throw MessageError(502, "The upstream index could not provide \(filename): \(error)")
        }
        switch answer {
        case nil:
            throw MessageError(404, "Not Found")
        case .stored(let key, let size):
            _ = try await model.file(path: path) { ReadModel.StoredFile(key: key, size: size) }
            return try await PackageFileController.response(request, key: key, size: size, etag: etag, blobs: blobs)
        case .fetching(let size, let chunks):
            guard request.method == .get, request.headers[.range] == nil, let size else {
                // A range, a HEAD or an unknown size: the whole file first, then the answer.
                for try await _ in chunks {}
                return try await handle(request, context: context)
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.cacheControl] = PackageFileController.cacheControl
            headers[.eTag] = etag
            headers[.accessControlAllowOrigin] = "*"
            headers[.contentLength] = String(size)
            let body = ResponseBody(contentLength: size) { writer in
                for try await chunk in chunks {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}
