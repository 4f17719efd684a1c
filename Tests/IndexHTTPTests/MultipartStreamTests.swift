import Hummingbird
import IndexCore
import IndexTesting
import NIOCore
import Synchronization
import Testing

@testable import IndexHTTP

/// A request body delivered in chunks, counting how many the reader pulled, and failing
/// (as a dropped connection does) after `failAfter` chunks.
private struct ChunkedBody: AsyncSequence, Sendable {
    struct Dropped: Error {}

    final class Counter: Sendable {
        let pulled = Mutex(0)
    }

    let chunks: [ByteBuffer]
    var failAfter: Int?
    let counter = Counter()

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: ChunkedBody
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            if let failAfter = body.failAfter, index == failAfter { throw Dropped() }
            guard index < body.chunks.count else { return nil }
            defer { index += 1 }
            body.counter.pulled.withLock { $0 += 1 }
            return body.chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }

    /// `bytes` in chunks of `size`.
    init(_ bytes: [UInt8], size: Int = 64 << 10, failAfter: Int? = nil) {
        chunks = stride(from: 0, to: bytes.count, by: size).map {
            ByteBuffer(bytes: bytes[$0..<Swift.min($0 + size, bytes.count)])
        }
        self.failAfter = failAfter
    }
}

/// U02, U03 and U09 on a streamed body: the reader stops early and leaves nothing staged.
@Suite struct MultipartStreamTests {
    private let blobs = InMemoryBlobStore()

    private var reader: MultipartUploadReader {
        MultipartUploadReader(limits: .init(fileSize: 8 << 20), blobs: blobs)
    }

    private func read(_ body: ChunkedBody) async throws {
        _ = try await reader.read(
            RequestBody(asyncSequence: body), boundary: MultipartBody.boundary)
    }

    private static func upload(fileSize: Int) -> [UInt8] {
        let file = (filename: "demo-1.0-py3-none-any.whl", bytes: [UInt8](repeating: 7, count: fileSize))
        return MultipartBody(form: ["name": ["demo"]], file: file).bytes
    }

    @Test func u02ConnectionDroppedInTheContentPartDiscardsTheStagedBlob() async throws {
        let body = ChunkedBody(Self.upload(fileSize: 4 << 20), failAfter: 20)
        await #expect(throws: ChunkedBody.Dropped.self) { try await read(body) }
        #expect(blobs.stagedCount == 0)
        #expect(blobs.paths.isEmpty)
    }

    @Test func u02BodyEndingEarlyIsRefusedAndDiscardsTheStagedBlob() async throws {
        let bytes = Self.upload(fileSize: 4 << 20)
        let body = ChunkedBody(Array(bytes.prefix(bytes.count / 2)))
        let error = await #expect(throws: MessageError.self) { try await read(body) }
        #expect(error?.code == 400)
        #expect(blobs.stagedCount == 0)
    }

    @Test func u03EndlessHeaderLineStopsAfterABoundedRead() async throws {
        let header = "--\(MultipartBody.boundary)\r\nX-Padding: " + String(repeating: "x", count: 20 << 20)
        let body = ChunkedBody(Array(header.utf8))
        let error = await #expect(throws: MessageError.self) { try await read(body) }
        #expect(error?.code == 400)
        #expect(body.counter.pulled.withLock { $0 } <= 3)
    }

    @Test func u09HugeDescriptionStopsAfterABoundedRead() async throws {
        let text = MultipartBody(form: ["description": [String(repeating: "d", count: 20 << 20)]], file: nil)
        let body = ChunkedBody(text.bytes)
        let error = await #expect(throws: MessageError.self) { try await read(body) }
        #expect(error?.code == 413)
        #expect(body.counter.pulled.withLock { $0 } <= 17)
    }

    @Test func u03HeaderLineAboveTheCapInOneChunkIsRefusedAsTooLong() async throws {
        let header = "--\(MultipartBody.boundary)\r\nX-Padding: " + String(repeating: "x", count: 32 << 10) + "\r\n\r\n"
        let body = ChunkedBody(Array(header.utf8), size: 1 << 20)
        let error = await #expect(throws: MessageError.self) { try await read(body) }
        #expect(error?.message == "Invalid multipart form data: a part header is too long.")
    }

    @Test func epilogueOfLineBreaksAfterTheClosingDelimiterIsAccepted() async throws {
        let body = ChunkedBody(MultipartBody(form: ["name": ["demo"]], file: nil).bytes + Array("\r\n\r\n".utf8))
        _ = try await reader.read(RequestBody(asyncSequence: body), boundary: MultipartBody.boundary)
    }
}
