import Foundation
import IndexCore
import IndexSQL

/// The builder's newest published snapshot, opened for one response: the file is opened before
/// the answer starts, so a newer copy replacing it meanwhile changes nothing for this download.
struct PublishedSnapshots: MetadataSnapshotSource {
    let builder: MetadataSnapshotBuilder

    init(_ builder: MetadataSnapshotBuilder) {
        self.builder = builder
    }

    func openCurrent() async throws -> OpenedSnapshot? {
        guard let published = await builder.published, let file = try LocalFile.open(published.path) else {
            return nil
        }
        return OpenedSnapshot(serial: published.serial, size: file.size, bytes: file.chunks)
    }
}

/// A local file opened for one read: its size, and its bytes in 1 MiB chunks. The file is open
/// from the start, so renaming or removing it meanwhile changes nothing for this read.
enum LocalFile {
    /// The file at `path`, or `nil` when it cannot be opened.
    static func open(_ path: String) throws -> (size: Int, chunks: AsyncThrowingStream<[UInt8], any Error>)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var remaining = size
        let chunks = AsyncThrowingStream<[UInt8], any Error> {
            guard remaining > 0 else {
                try? handle.close()
                return nil
            }
            guard let chunk = try handle.read(upToCount: min(remaining, 1 << 20)), !chunk.isEmpty else {
                try? handle.close()
                throw WiringError("\(path) ended before its size.")
            }
            remaining -= chunk.count
            return Array(chunk)
        }
        return (size, chunks)
    }
}
