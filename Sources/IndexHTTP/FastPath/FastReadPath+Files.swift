import IndexCore
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stored files on the event loop: the bytes go from the blob's file to the socket with
/// `sendfile(2)` (a NIO `FileRegion`), never through memory. The server speaks plain HTTP (TLS,
/// if any, ends in front of it), so a file region always reaches the socket.
extension FastReadPath {
    static let filesPrefix = "/packages/"

    /// The answer to a `GET` or `HEAD` of a stored file (or PEP 658 metadata file) that the
    /// ``ReadModel`` knows, with ``PackageFileController``'s status and headers
    /// (``FileAnswerHead``). `nil`, so Hummingbird answers, without local files, for a query, for
    /// a path the model does not know (Hummingbird validates it against the database and fills
    /// the model), or when the blob's file cannot be opened or has another size (deleted by
    /// another process: Hummingbird forgets it and answers 404).
    func fileAnswer(_ head: HTTPRequestHead) -> Answer? {
        guard let files, !head.uri.utf8.contains(UInt8(ascii: "?")), let known = model.knownFile(path: head.uri),
            let path = files.localPath(of: known.key)
        else { return nil }
        let answerHead = FileAnswerHead(
            size: known.size, etag: PackageFileController.etag(path: head.uri),
            ifNoneMatch: head.headers[canonicalForm: "If-None-Match"].map(String.init),
            range: head.headers.first(name: "Range"))
        let (status, headers) = answerHead.http1
        var answer = Answer(status: status, headers: headers, body: nil)
        guard head.method == .GET, let offsets = answerHead.offsets(size: known.size), !offsets.isEmpty else {
            return answer
        }
        guard let handle = Self.open(path, size: known.size) else { return nil }
        answer.file = FileRegion(fileHandle: handle, readerIndex: offsets.lowerBound, endIndex: offsets.upperBound)
        return answer
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
