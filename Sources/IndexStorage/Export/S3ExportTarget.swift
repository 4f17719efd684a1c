import IndexCore
import NIOCore

/// A ``StaticExport`` into an S3-compatible bucket, each object with its content type. A bucket
/// cannot negotiate content, so a CDN or proxy in front chooses `index.v1_json` or `index.html`
/// by `Accept` (as ``StaticExportNginx`` does). A PUT replaces an object at once, so a reader
/// never sees half of one; files larger than ``partSize`` go up in parts.
public struct S3ExportTarget: ExportTarget {
    /// The bucket's client.
    public let client: S3Client
    /// A key prefix (`""`, or e.g. `mirror/`).
    public let prefix: String

    /// Bytes per part of a multipart upload (S3's minimum part is 5 MiB).
    static let partSize = 16 << 20

    /// A target writing to the bucket of `client`, below `prefix`.
    public init(client: S3Client, prefix: String = "") {
        self.client = client
        self.prefix = prefix
    }

    public func write(_ bytes: [UInt8], to path: String, contentType: String) async throws {
        try await client.putObject(prefix + path, payload: .bytes(bytes), contentType: contentType)
    }

    public func write(
        _ stream: AsyncThrowingStream<[UInt8], any Error>, size: Int, to path: String, contentType: String
    ) async throws {
        let key = prefix + path
        var buffer: [UInt8] = []
        var uploadID: String?
        var parts: [S3UploadedPart] = []
        var read = 0
        func send(_ part: [UInt8]) async throws {
            if uploadID == nil { uploadID = try await client.createMultipartUpload(key, contentType: contentType) }
            parts.append(
                try await client.uploadPart(key, uploadID: uploadID!, number: parts.count + 1, payload: .bytes(part)))
        }
        do {
            for try await chunk in stream {
                read += chunk.count
                buffer += chunk
                while buffer.count >= Self.partSize {
                    try await send(Array(buffer.prefix(Self.partSize)))
                    buffer.removeFirst(Self.partSize)
                }
            }
            guard read == size else {
                throw BlobStoreError("\(path): \(read) bytes were read where \(size) were expected.")
            }
            if uploadID == nil {
                try await client.putObject(key, payload: .bytes(buffer), contentType: contentType)
            } else {
                if !buffer.isEmpty { try await send(buffer) }
                try await client.completeMultipartUpload(key, uploadID: uploadID!, parts: parts)
            }
        } catch {
            if let uploadID { try? await client.abortMultipartUpload(key, uploadID: uploadID) }
            throw error
        }
    }

    public func exists(_ path: String) async throws -> Bool {
        try await client.headObject(prefix + path) != nil
    }

    public func read(_ path: String) async throws -> [UInt8]? {
        guard let object = try await client.getObject(prefix + path) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(object.contentLength)
        for try await buffer in object.body { bytes += buffer.readableBytesView }
        return bytes
    }

    public func remove(_ path: String) async throws {
        try await client.deleteObject(prefix + path)
    }
}
