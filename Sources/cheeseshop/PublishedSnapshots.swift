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
        guard let published = await builder.published,
            let handle = FileHandle(forReadingAtPath: published.path)
        else { return nil }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var remaining = size
        let bytes = AsyncThrowingStream<[UInt8], any Error> {
            guard remaining > 0 else {
                try? handle.close()
                return nil
            }
            guard let chunk = try handle.read(upToCount: min(remaining, 1 << 20)), !chunk.isEmpty else {
                try? handle.close()
                throw WiringError("\(published.path) ended before its size.")
            }
            remaining -= chunk.count
            return Array(chunk)
        }
        return OpenedSnapshot(serial: published.serial, size: size, bytes: bytes)
    }
}
