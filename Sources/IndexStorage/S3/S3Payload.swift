import AsyncHTTPClient
import IndexCore
import NIOCore

/// A request body with its SHA-256 (signed as `x-amz-content-sha256`): bytes in memory, or a
/// region of a local file streamed as it is sent, so that an upload never sits in memory.
public struct S3Payload: Sendable {
    enum Source: Sendable {
        case bytes([UInt8])
        case file(FileDescriptor, Range<Int>, BlockingIO)
    }

    /// The bytes sent per chunk when streaming a file.
    static let fileChunk = 256 * 1024

    let source: Source
    /// The hex SHA-256 of the body.
    let sha256: String

    /// No body.
    public static let empty = S3Payload.bytes([])

    /// `bytes`, hashed here.
    public static func bytes(_ bytes: [UInt8]) -> S3Payload {
        S3Payload(source: .bytes(bytes), sha256: SigV4Signer.payloadHash(of: bytes))
    }

    /// The bytes `range` of `file`, whose SHA-256 is `sha256`, read on `io` as they are sent.
    static func file(_ file: FileDescriptor, range: Range<Int>, sha256: String, io: BlockingIO) -> S3Payload {
        S3Payload(source: .file(file, range, io), sha256: sha256)
    }

    /// The body's length in bytes.
    var count: Int {
        switch source {
        case .bytes(let bytes): bytes.count
        case .file(_, let range, _): range.count
        }
    }

    /// The body as the HTTP client sends it.
    func body() -> HTTPClientRequest.Body {
        switch source {
        case .bytes(let bytes):
            return .bytes(ByteBuffer(bytes: bytes))
        case .file(let file, let range, let io):
            let cursor = ReadCursor(file: file, range: range, chunk: Self.fileChunk)
            let chunks = AsyncThrowingStream<ByteBuffer, any Error> {
                guard let next = cursor.next() else { return nil }
                let bytes = try await io.run { () throws(BlobStoreError) -> [UInt8] in
                    try POSIXFiles.read(next.file, at: next.offset, count: next.count)
                }
                guard bytes.count == next.count else {
                    throw BlobStoreError("The staged file ended before its recorded size.")
                }
                return ByteBuffer(bytes: bytes)
            }
            return .stream(chunks, length: .known(Int64(range.count)))
        }
    }
}
