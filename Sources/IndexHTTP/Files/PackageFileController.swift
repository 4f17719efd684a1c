import HTTPTypes
import Hummingbird
import IndexCore

/// `GET /packages/<b2[0:2]>/<b2[2:4]>/<b2[4:]>/<filename>` and its `.metadata`: the bytes,
/// streamed from the blob store, `Range` honoured, cacheable forever (DESIGN.md §2). A file the
/// ``ReadModel`` knows, in a local store, is sent by ``FastReadPath`` with `sendfile(2)` instead;
/// this answers the first request for it, and every request with an S3 store.
///
/// The URL is never used as a path: it must equal a stored file's blob path (or that path plus
/// `.metadata` for a file with a PEP 658 metadata file), and the key is rebuilt from the row
/// (W06, CVE-2024-4956).
struct PackageFileController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let model: ReadModel
    /// Where downloads are redirected, with the clock that dates the URLs (`nil`: served here).
    var redirect: (store: any DownloadRedirecting, clock: any IndexClock)? = nil
    /// How long a redirect may be reused: well within the redirected URL's lifetime.
    static let redirectCacheControl = "max-age=300, public"

    static let cacheControl = "max-age=365000000, immutable, public"

    /// A strong validator of the file at `path`: the URL names its content (BLAKE2b-256 digest
    /// and filename; `.metadata` the PEP 658 file beside it), which never changes.
    static func etag(path: String) -> String {
        let parts = path.split(separator: "/")
        let digest = parts.dropFirst().prefix(3).joined()
        return "\"\(digest)\(path.hasSuffix(".metadata") ? "-metadata" : "")\""
    }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let path = request.uri.path
        guard let found = try await model.file(path: path, lookup: { try await storedFile(urlPath: path) }) else {
            throw MessageError(404, "Not Found")
        }
        let (key, size) = (found.key, found.size)
        if let redirect {
            var headers = HTTPFields()
            headers[.location] = try redirect.store.downloadURL(for: key, now: redirect.clock.now())
            headers[.cacheControl] = Self.redirectCacheControl
            headers[.accessControlAllowOrigin] = "*"
            return Response(status: .found, headers: headers)
        }
        return try await Self.response(request, key: key, size: size, etag: Self.etag(path: path), blobs: blobs) {
            // Deleted by another process since the model last read the journal: gone, not broken.
            model.forgetFile(path: path)
            await model.catchUp()
        }
    }

    /// The blob at `key` as the answer to `request`: `ETag` and `If-None-Match`, `Range`, `HEAD`,
    /// cacheable forever. `gone` runs
    /// when the blob has vanished (the answer is then 404).
    static func response(
        _ request: Request, key: BlobKey, size: Int, etag: String, blobs: any BlobStore,
        gone: () async -> Void = {}
    ) async throws -> Response {
        let head = FileAnswerHead(
            size: size, etag: etag, ifNoneMatch: request.headers[values: .ifNoneMatch], range: request.headers[.range])
        let range: Range<Int>?
        switch head.bytes {
        case .whole: range = nil
        case .range(let bytes): range = bytes
        case .none: return Response(status: head.status, headers: head.headers)
        }
        if request.method == .head { return Response(status: head.status, headers: head.headers) }
        let chunks: AsyncThrowingStream<[UInt8], any Error>
        do {
            chunks = try await blobs.read(key, range: range)
        } catch {
            guard try await blobs.size(of: key) == nil else { throw error }
            await gone()
            throw MessageError(404, "Not Found")
        }
        let body = ResponseBody(contentLength: range?.count ?? size) { writer in
            for try await chunk in chunks {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: head.status, headers: head.headers, body: body)
    }

    /// The stored file (or metadata file) whose path is `urlPath`, with its size, if any.
    func storedFile(urlPath: String) async throws -> ReadModel.StoredFile? {
        guard let key = try await key(forURLPath: urlPath), let size = try await blobs.size(of: key) else { return nil }
        return ReadModel.StoredFile(key: key, size: size)
    }

    /// The blob key of the stored file (or metadata file) whose path is `urlPath`, if any.
    func key(forURLPath urlPath: String) async throws -> BlobKey? {
        let prefix = "/packages/"
        guard urlPath.hasPrefix(prefix), let path = PercentDecoding.decode(urlPath.dropFirst(prefix.count)) else {
            return nil
        }
        if let file = try await store.file(blobPath: path), let key = Self.key(of: file), key.path == path {
            return try await isQuarantined(file) ? nil : key
        }
        let suffix = ".metadata"
        guard path.hasSuffix(suffix) else { return nil }
        let filePath = String(path.dropLast(suffix.count))
        guard let file = try await store.file(blobPath: filePath), file.upload.metadataDigests != nil,
            let key = Self.key(of: file), key.path == filePath, try await !isQuarantined(file)
        else { return nil }
        return key.metadataKey
    }

    /// Whether the file's project is quarantined (PEP 792): its files are not served.
    private func isQuarantined(_ file: DistributionFile) async throws -> Bool {
        try await store.project(ofRelease: file.releaseID)?.status == .quarantined
    }

    private static func key(of file: DistributionFile) -> BlobKey? {
        let digest = file.upload.digests.blake2b256
        guard digest.utf8.count == 64 else { return nil }
        return BlobKey(blake2b256: digest, filename: file.filename)
    }
}

/// Percent-decoding of a URL path (RFC 3986 §2.1); `+` stays `+`.
enum PercentDecoding {
    /// The decoded text, or `nil` for a bad escape, invalid UTF-8, NUL, or a decoded `/`, `\` or `%`
    /// (never needed by a stored path, always a trick).
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 37 {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                let decoded = high << 4 | low
                guard decoded != 0, decoded != 47, decoded != 92, decoded != 37 else { return nil }
                bytes.append(decoded)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
