import AsyncHTTPClient
import IndexCore
import NIOCore

extension S3BlobStore {
    /// Streams the blob at `key` (or `range` of it) in chunks of at most 128 KiB as the
    /// response arrives; the consumer's pace is the download's. The request is made before
    /// this returns: a missing blob throws ``BlobStoreError/missingBlob(_:)`` and a range
    /// outside it ``BlobStoreError/rangeOutsideBlob(_:size:)``.
    public func read(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let objectKey = try Self.objectKey(key)
        if let range, range.isEmpty || range.lowerBound < 0 {
            // S3 cannot send an empty range; a negative one is never valid.
            guard let size = try await client.headObject(objectKey)?.size else { throw BlobStoreError.missingBlob(key) }
            guard range.lowerBound >= 0, range.upperBound <= size else {
                throw BlobStoreError.rangeOutsideBlob(range, size: size)
            }
            return AsyncThrowingStream { nil }
        }
        let object: S3ObjectBody
        do {
            guard let found = try await client.getObject(objectKey, range: range) else {
                throw BlobStoreError.missingBlob(key)
            }
            object = found
        } catch let error as S3Error where error.status == 416 {
            guard let range, let size = try await client.headObject(objectKey)?.size else { throw error }
            throw BlobStoreError.rangeOutsideBlob(range, size: size)
        }
        if let range {
            guard let total = object.totalSize, range.upperBound <= total, object.contentLength == range.count else {
                throw BlobStoreError.rangeOutsideBlob(range, size: object.totalSize ?? object.contentLength)
            }
        }
        let chunks = S3BodyChunks(object.body, expected: object.contentLength, chunk: Self.readChunk, key: key)
        return AsyncThrowingStream { try await chunks.next() }
    }
}

/// A response body cut into chunks of at most `chunk` bytes, checked against its length.
final class S3BodyChunks: @unchecked Sendable {
    // Only the stream that owns this calls `next()`, and an AsyncThrowingStream calls its
    // producer one element at a time, so the mutable state is never touched concurrently.
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = ByteBuffer()
    private var remaining: Int
    private let chunk: Int
    private let key: BlobKey

    init(_ body: HTTPClientResponse.Body, expected: Int, chunk: Int, key: BlobKey) {
        iterator = body.makeAsyncIterator()
        remaining = expected
        self.chunk = chunk
        self.key = key
    }

    /// The next chunk, or `nil` after the last.
    func next() async throws -> [UInt8]? {
        while pending.readableBytes == 0 {
            guard let buffer = try await iterator.next() else {
                guard remaining == 0 else {
                    throw BlobStoreError("The blob at '\(key.path)' ended before its recorded size.")
                }
                return nil
            }
            pending = buffer
        }
        let count = min(chunk, pending.readableBytes)
        guard count <= remaining, let bytes = pending.readBytes(length: count) else {
            throw BlobStoreError("The blob at '\(key.path)' is longer than its recorded size.")
        }
        remaining -= count
        return bytes
    }
}
