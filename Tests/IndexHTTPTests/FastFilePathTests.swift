import Foundation
import Glibc
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import NIOHTTP1
import PythonPackaging
import Testing

@testable import IndexHTTP

/// Files the read model knows, in a local blob store, are sent on the event loop from their file
/// (`sendfile(2)`), with the same status, headers and bytes as Hummingbird's
/// ``PackageFileController``; anything the fast path cannot send goes to Hummingbird.
@Suite struct FastFilePathTests {
    let fixture: HTTPFixture
    let directory: String
    let wheel = DistributionBuilder().wheel()

    init() async throws {
        fixture = try await HTTPFixture()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cheeseshop-files-\(UUID())").path
    }

    /// The URL path of the uploaded wheel.
    var uri: String {
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        return "/packages/" + BlobKey(blake2b256: hasher.finalize().blake2b256, filename: wheel.filename).path
    }

    /// A live server on `blobs` with the demo wheel uploaded; `body` gets its port.
    func withServer(blobs: CountingBlobStore, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let application = buildApplication(
            configuration: IndexServerConfiguration(host: "127.0.0.1", port: 0),
            store: fixture.store, blobs: blobs, clock: fixture.clock, security: fixture.security)
        try await application.test(.live) { [fixture] client in
            let upload = try await HTTPFixture.upload(client, authorization: HTTPFixture.tokenAuth(fixture.token.text))
            #expect(upload.status == .ok)
            try await body(try #require(client.port))
        }
    }

    static func request(_ uri: String, _ headers: String = "", method: String = "GET") -> RawHTTP.Request {
        RawHTTP.Request(
            text: "\(method) \(uri) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n", expectsBody: method != "HEAD")
    }

    @Test func aKnownFileIsSentFromItsFileWholeByRangeAndAsHEADWithoutReadingTheStore() async throws {
        let blobs = LocalFilesBlobStore(directory: directory)
        let (uri, bytes) = (uri, wheel.bytes)
        try await withServer(blobs: blobs) { port in
            // The HEAD goes to Hummingbird, which fills the read model; the rest come from the file.
            let answers = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(
                    port: port,
                    requests: [
                        Self.request(uri, method: "HEAD"), Self.request(uri), Self.request(uri, "Range: bytes=2-9\r\n"),
                        Self.request(uri, "Range: bytes=-4\r\n"), Self.request(uri, "Range: bytes=\(bytes.count)-\r\n"),
                        Self.request(uri, method: "HEAD"), Self.request(uri + ".metadata", method: "HEAD"),
                        Self.request(uri + ".metadata"),
                    ])
            }
            #expect(answers.map(\.status) == [200, 200, 206, 206, 416, 200, 200, 200])
            #expect(answers[1].body == bytes)
            #expect(answers[2].body == Array(bytes[2...9]))
            #expect(answers[2].header("Content-Range") == "bytes 2-9/\(bytes.count)")
            #expect(answers[3].body == Array(bytes.suffix(4)))
            #expect(answers[3].header("Content-Range") == "bytes \(bytes.count - 4)-\(bytes.count - 1)/\(bytes.count)")
            #expect(answers[4].header("Content-Range") == "bytes */\(bytes.count)")
            #expect(answers[4].body.isEmpty)
            #expect(answers[5].body.isEmpty && answers[5].header("Content-Length") == String(bytes.count))
            #expect(answers[7].body == DistributionBuilder().metadataFile)
            #expect(Set(answers[0].headers) == Set(answers[5].headers), "the fast path's headers are Hummingbird's")
            #expect(answers[1].header("Cache-Control") == "max-age=365000000, immutable, public")
            #expect(answers[1].header("Access-Control-Allow-Origin") == "*")
        }
        #expect(blobs.reads == 0, "every body came from the file")
    }

    @Test func aMatchingETagIs304() async throws {
        let blobs = LocalFilesBlobStore(directory: directory)
        let uri = uri
        try await withServer(blobs: blobs) { port in
            let etag = PackageFileController.etag(path: uri)
            let answers = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(
                    port: port,
                    requests: [
                        Self.request(uri, method: "HEAD"), Self.request(uri, "If-None-Match: \(etag)\r\n"),
                        Self.request(uri, "If-None-Match: \"other\"\r\n"),
                    ])
            }
            #expect(answers.map(\.status) == [200, 304, 200])
            #expect(answers[1].header("ETag") == etag)
        }
        #expect(blobs.reads == 0)
    }

    @Test func aFileWhoseBlobWasDeletedFallsBackToHummingbirdsNotFound() async throws {
        let blobs = LocalFilesBlobStore(directory: directory)
        let uri = uri
        try await withServer(blobs: blobs) { port in
            let known = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(port: port, requests: [Self.request(uri, method: "HEAD")])
            }
            #expect(known.map(\.status) == [200])
            // Deleted by another process: the model still knows the path.
            try await blobs.delete(try #require(blobs.keys.first { uri.hasSuffix($0.path) }))
            let answers = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(port: port, requests: [Self.request(uri), Self.request(uri)])
            }
            #expect(answers.map(\.status) == [404, 404])
        }
    }

    @Test func aQuarantinedProjectsFileIsNotSentOnceTheJournalIsRead() async throws {
        let blobs = LocalFilesBlobStore(directory: directory)
        let (uri, fixture) = (uri, fixture)
        try await withServer(blobs: blobs) { port in
            let before = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(
                    port: port, requests: [Self.request(uri, method: "HEAD"), Self.request(uri)])
            }
            #expect(before.map(\.status) == [200, 200])
            _ = try await AdminActions(store: fixture.store, clock: fixture.clock).quarantine(
                project: "demo", by: .commandLine)
            // Another process's change, seen at the next look at the journal.
            fixture.clock.advance(by: 1)
            let after = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(port: port, requests: [Self.request(uri), Self.request(uri)])
            }
            #expect(after.map(\.status) == [404, 404])
        }
    }

    @Test func aStoreWithoutLocalFilesIsReadThroughHummingbird() async throws {
        let blobs = CountingBlobStore(directory: directory)
        let (uri, bytes) = (uri, wheel.bytes)
        try await withServer(blobs: blobs) { port in
            let answers = try await RawHTTP.offThePool {
                try RawHTTP.keepAliveBytes(
                    port: port,
                    requests: [Self.request(uri), Self.request(uri), Self.request(uri, "Range: bytes=2-9\r\n")])
            }
            #expect(answers.map(\.status) == [200, 200, 206])
            #expect(answers[1].body == bytes)
            #expect(answers[2].body == Array(bytes[2...9]))
        }
        #expect(blobs.reads == 3)
    }

    /// Small files are sent from memory, larger ones from their file (sendfile).
    @Test(arguments: [100, PreparedFile.keptInMemory + 1])
    func theFastPathOpensTheFileOnlyForABodyOfAKnownPathWithoutAQuery(size: Int) async throws {
        let blobs = LocalFilesBlobStore(directory: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = BlobKey(blake2b256: String(repeating: "ab", count: 32), filename: "demo-1.0-py3-none-any.whl")
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try await blobs.commit(try await blobs.inner.staged(bytes).blob, as: key)
        // The bytes sent for `range`: the file region's or the buffer's.
        func sends(_ answer: FastReadPath.Answer, _ range: Range<Int>) -> Bool {
            if size > PreparedFile.keptInMemory {
                defer { try? answer.file?.fileHandle.close() }
                return answer.body.isEmpty && answer.file?.readerIndex == range.lowerBound
                    && answer.file?.endIndex == range.upperBound
            }
            return answer.file == nil && answer.body.map { Array(buffer: $0) } == [Array(bytes[range])]
        }
        let model = ReadModel(store: fixture.store, clock: fixture.clock)
        let path = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil), files: blobs)
        let uri = "/packages/" + key.path
        await model.refreshIfDue()
        #expect(path.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)) == nil, "not known yet")
        _ = try await model.file(path: uri) { ReadModel.StoredFile(key: key, size: size) }

        let whole = try #require(path.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)))
        #expect(whole.status == .ok && sends(whole, 0..<size))
        let again = try #require(path.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)))
        #expect(again.status == .ok && sends(again, 0..<size), "the second answer, from what the model kept")
        var ranged = HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)
        ranged.headers.add(name: "Range", value: "bytes=10-19")
        let part = try #require(path.answer(ranged))
        #expect(part.status == .partialContent && sends(part, 10..<20))
        let head = try #require(path.answer(HTTPRequestHead(version: .http1_1, method: .HEAD, uri: uri)))
        #expect(
            head.status == .ok && head.file == nil && head.body.isEmpty
                && head.headers.first(name: "Content-Length") == String(size))
        #expect(path.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri + "?x=1")) == nil)
        let withoutFiles = FastReadPath(model: model, urls: PublicURLs(base: nil, files: nil))
        #expect(withoutFiles.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri)) == nil)
        // A file of another size than the model knows is not sent.
        _ = try await model.file(path: uri + "x") { ReadModel.StoredFile(key: key, size: size - 1) }
        #expect(path.answer(HTTPRequestHead(version: .http1_1, method: .GET, uri: uri + "x")) == nil)
    }
}

/// A blob store in memory that also writes each committed blob to a file under `directory` and
/// counts the reads of the store (the bytes Hummingbird streams).
class CountingBlobStore: BlobStore, @unchecked Sendable {
    let inner = InMemoryBlobStore()
    let directory: String
    private let lock = NSLock()
    private var readCount = 0
    private var committed: [BlobKey] = []

    init(directory: String) {
        self.directory = directory
    }

    var reads: Int { lock.withLock { readCount } }
    var keys: [BlobKey] { lock.withLock { committed } }

    func stage() async throws -> any StagedBlob { try await inner.stage() }

    func commit(_ staged: any StagedBlob, as key: BlobKey) async throws {
        try await inner.commit(staged, as: key)
        var bytes: [UInt8] = []
        for try await chunk in try await inner.read(key, range: nil) { bytes += chunk }
        let path = directory + "/" + key.path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        lock.withLock { committed.append(key) }
    }

    func size(of key: BlobKey) async throws -> Int? { try await inner.size(of: key) }

    func read(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        lock.withLock { readCount += 1 }
        // As the file system store: a missing blob fails the read, not the stream.
        guard try await inner.size(of: key) != nil else { throw BlobStoreError("No blob at \(key).") }
        return try await inner.read(key, range: range)
    }

    func delete(_ key: BlobKey) async throws {
        try await inner.delete(key)
        try? FileManager.default.removeItem(atPath: directory + "/" + key.path)
    }

    func sweepStaged() async throws -> Int { try await inner.sweepStaged() }
}

/// The same, with its files offered to the fast path.
final class LocalFilesBlobStore: CountingBlobStore, LocalBlobFiles, @unchecked Sendable {
    func localPath(of key: BlobKey) -> String? { directory + "/" + key.path }
}

extension RawHTTP {
    struct Request: Sendable {
        let text: String
        /// Whether the answer has the body its `Content-Length` says (not for `HEAD`).
        let expectsBody: Bool
    }

    struct Answer: Sendable {
        let status: Int
        /// The header lines without `Date` and `X-Request-ID`.
        let headers: [String]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }.map {
                String($0.dropFirst(name.count + 2))
            }
        }
    }

    /// Sends `requests` one after the other on one connection, each once the previous answer has
    /// arrived; the answers, bodies as bytes.
    static func keepAliveBytes(port: Int, requests: [Request]) throws -> [Answer] {
        let socket = try connected(port: port)
        defer { close(socket) }
        var received: [UInt8] = []
        var answers: [Answer] = []
        for request in requests {
            try sendAll(socket, Array(request.text.utf8))
            while true {
                if let (answer, used) = parse(received, expectsBody: request.expectsBody) {
                    answers.append(answer)
                    received.removeFirst(used)
                    break
                }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw SocketError() }
                received += buffer[..<count]
            }
        }
        return answers
    }

    /// The first complete answer in `bytes` and how many bytes it took, if complete.
    private static func parse(_ bytes: [UInt8], expectsBody: Bool) -> (Answer, Int)? {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let headers = lines.dropFirst().filter { !$0.hasPrefix("Date: ") && !$0.hasPrefix("X-Request-ID: ") }
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let length =
            headers.first { $0.lowercased().hasPrefix("content-length: ") }
            .flatMap { Int($0.dropFirst("content-length: ".count)) } ?? 0
        let bodyLength = expectsBody ? length : 0
        guard bytes.count >= end + 4 + bodyLength else { return nil }
        let body = Array(bytes[(end + 4)..<(end + 4 + bodyLength)])
        return (Answer(status: status, headers: Array(headers), body: body), end + 4 + bodyLength)
    }
}

/// Small files are read once and written from memory, within the read model's budget for them.
@Suite struct SmallFilesInMemoryTests {
    func prepared(_ size: Int) -> PreparedFile {
        let key = BlobKey(blake2b256: String(repeating: "ab", count: 32), filename: "demo-1.0-py3-none-any.whl")
        return PreparedFile(
            stored: ReadModel.StoredFile(key: key, size: size), localPath: "/nowhere", etag: "\"e\"",
            wholeHeaders: [:], contents: ByteBuffer(repeating: 7, count: size))
    }

    @Test func theirBytesStayWithinTheBudget() {
        let model = ReadModel(store: InMemoryIndexStore(), clock: FixedClock(), fileBudget: 100)
        let kept = { model.state.withLock { ($0.preparedBytes, Set($0.preparedFiles.keys)) } }
        model.keepPrepared(prepared(60), path: "/a")
        model.keepPrepared(prepared(30), path: "/b")
        #expect(kept().0 == 90)
        model.keepPrepared(prepared(30), path: "/b")
        #expect(kept().0 == 90, "the same file kept again is counted once")
        model.keepPrepared(prepared(30), path: "/c")
        #expect(kept() == (30, ["/c"]), "over the budget: the others are let go")
        model.keepPrepared(prepared(200), path: "/d")
        #expect(kept().0 == 30, "a file larger than the whole budget is kept without its bytes")
        #expect(model.state.withLock { $0.preparedFiles["/d"]?.contents } == nil)
    }
}
