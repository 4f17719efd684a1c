import IndexCore
import Synchronization

extension FileSystemBlobStore {
    /// The largest chunk a read yields.
    static let readChunk = 128 * 1024

    /// Streams the blob at `key` (or `range` of it) in chunks of at most 128 KiB, read with
    /// `pread` on the I/O queue as the consumer asks for them, so a slow client holds one chunk
    /// in memory, not the file. The file is opened before this returns: a missing blob throws
    /// ``BlobStoreError/missingBlob(_:)`` and a range beyond its end
    /// ``BlobStoreError/rangeOutsideBlob(_:size:)``. An abandoned stream closes the file.
    public func read(
        _ key: BlobKey, range: Range<Int>?
    ) async throws(BlobStoreError) -> AsyncThrowingStream<[UInt8], any Error> {
        let path = try path(of: key)
        let (file, size) = try await io.run { () throws(BlobStoreError) -> (FileDescriptor, Int) in
            guard let file = try POSIXFiles.openForReading(path) else { throw .missingBlob(key) }
            return (file, try POSIXFiles.size(of: file))
        }
        let wanted = range ?? 0..<size
        guard wanted.lowerBound >= 0, wanted.upperBound <= size else {
            throw .rangeOutsideBlob(wanted, size: size)
        }
        let cursor = ReadCursor(file: file, range: wanted, chunk: Self.readChunk)
        let io = io
        return AsyncThrowingStream {
            guard let next = cursor.next() else { return nil }
            let bytes = try await io.run { () throws(BlobStoreError) -> [UInt8] in
                try POSIXFiles.read(next.file, at: next.offset, count: next.count)
            }
            guard bytes.count == next.count else {
                throw BlobStoreError("The blob at '\(key.path)' ended before its recorded size.")
            }
            return bytes
        }
    }
}

/// The position of a read stream in its file; the file is let go after the last chunk.
final class ReadCursor: Sendable {
    private let state: Mutex<(file: FileDescriptor?, offset: Int)>
    private let end: Int
    private let chunk: Int

    init(file: FileDescriptor, range: Range<Int>, chunk: Int) {
        state = Mutex((file, range.lowerBound))
        end = range.upperBound
        self.chunk = chunk
    }

    /// The next piece to read, or `nil` at the end of the range.
    func next() -> (file: FileDescriptor, offset: Int, count: Int)? {
        state.withLock { state in
            guard let file = state.file, state.offset < end else {
                state.file = nil
                return nil
            }
            let count = min(chunk, end - state.offset)
            defer { state.offset += count }
            return (file, state.offset, count)
        }
    }
}
