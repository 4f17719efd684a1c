import IndexCore
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stored files on the event loop: the bytes go from the blob's file to the socket with
/// `sendfile(2)` (a NIO `FileRegion`). Files of 64 KiB or less are read once and written from
/// memory, within the read model's budget for them: there one write beats `open`, `fstat`,
/// `sendfile` and `close` (scripts/bench-files.py). The server speaks plain HTTP (TLS, if any,
/// ends in front of it), so a file region always reaches the socket.
extension FastReadPath {
    static let filesPrefix = "/packages/"

    /// The answer to a `GET` or `HEAD` of a stored file (or PEP 658 metadata file) that the
    /// ``ReadModel`` knows, with ``PackageFileController``'s status and headers
    /// (``FileAnswerHead``). `nil`, so Hummingbird answers, without local files, for a query, for
    /// a path the model does not know (Hummingbird validates it against the database and fills
    /// the model), or when the blob's file cannot be opened or has another size (deleted by
    /// another process: Hummingbird forgets it and answers 404).
    func fileAnswer(_ head: HTTPRequestHead) -> Answer? {
        guard let files, !head.uri.utf8.contains(UInt8(ascii: "?")), let found = model.knownFile(path: head.uri) else {
            return nil
        }
        let (known, size) = (found.0, found.0.size)
        let prepared: PreparedFile
        if let kept = found.1 {
            prepared = kept
        } else {
            guard let path = files.localPath(of: known.key) else { return nil }
            let etag = PackageFileController.etag(path: head.uri)
            let whole = FileAnswerHead(size: size, etag: etag, ifNoneMatch: [], range: nil).http1.headers
            let contents = size <= PreparedFile.keptInMemory ? Self.read(path, size: size) : nil
            prepared = PreparedFile(
                stored: known, localPath: path, etag: etag, wholeHeaders: whole, contents: contents)
            model.keepPrepared(prepared, path: head.uri)
        }
        let ifNoneMatch = head.headers[canonicalForm: "If-None-Match"]
        let range = head.headers.first(name: "Range")
        var answer: Answer
        let offsets: Range<Int>?
        if ifNoneMatch.isEmpty, range == nil {
            answer = Answer(status: .ok, headers: prepared.wholeHeaders, body: [])
            offsets = 0..<size
        } else {
            let answerHead = FileAnswerHead(
                size: size, etag: prepared.etag, ifNoneMatch: ifNoneMatch.map(String.init), range: range)
            let (status, headers) = answerHead.http1
            answer = Answer(status: status, headers: headers, body: [])
            offsets = answerHead.offsets(size: size)
        }
        guard head.method == .GET, let offsets, !offsets.isEmpty else { return answer }
        if let contents = prepared.contents {
            // A small file is written from memory, as a page is (one write instead of open,
            // fstat, sendfile and close); its blob must still be there.
            guard Self.size(of: prepared.localPath) == size,
                let slice = contents.getSlice(at: offsets.lowerBound, length: offsets.count)
            else { return nil }
            answer.body = [slice]
            return answer
        }
        guard let handle = Self.open(prepared.localPath, size: size) else { return nil }
        answer.file = FileRegion(fileHandle: handle, readerIndex: offsets.lowerBound, endIndex: offsets.upperBound)
        return answer
    }

    /// The size of the file at `path` (`nil`: none).
    private static func size(of path: String) -> Int? {
        var information = stat()
        return stat(path, &information) == 0 ? Int(information.st_size) : nil
    }

    /// The whole file at `path`, if it holds `size` bytes (read on the event loop, once per
    /// file the model keeps).
    private static func read(_ path: String, size: Int) -> ByteBuffer? {
        guard let handle = open(path, size: size) else { return nil }
        defer { try? handle.close() }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        let read = try? handle.withUnsafeFileDescriptor { descriptor -> Int in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
                guard let base = target.baseAddress else { return 0 }
                var done = 0
                while done < size {
                    let count = pread(descriptor, base + done, size - done, off_t(done))
                    if count <= 0 { break }
                    done += count
                }
                return done
            }
        }
        return read == size ? buffer : nil
    }

    /// The file at `path` opened for reading, if it holds `size` bytes. A blocking call on the
    /// event loop, as nginx makes it: opening a local file whose inode is cached takes
    /// microseconds.
    private static func open(_ path: String, size: Int) -> NIOFileHandle? {
        guard let handle = try? NIOFileHandle(_deprecatedPath: path) else { return nil }
        let actual = try? handle.withUnsafeFileDescriptor { descriptor -> Int in
            var information = stat()
            return fstat(descriptor, &information) == 0 ? Int(information.st_size) : -1
        }
        guard actual == size else {
            try? handle.close()
            return nil
        }
        return handle
    }
}

/// What the fast path computes once for a file the read model knows (kept in the model): where
/// its bytes are, its ETag, and the headers of the whole file's answer.
struct PreparedFile: Sendable {
    let stored: ReadModel.StoredFile
    let localPath: String
    let etag: String
    /// The headers of a `200` (no `Range`, no `If-None-Match`).
    let wholeHeaders: HTTPHeaders
    /// The bytes of a small file (``keptInMemory`` or less), written from memory.
    var contents: ByteBuffer? = nil

    /// The largest file kept in memory (the read model bounds their total).
    static let keptInMemory = 64 << 10
}
