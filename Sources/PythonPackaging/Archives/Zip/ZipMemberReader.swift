import CZlib

/// Streams one ZIP member's decompressed data in chunks (APPNOTE.TXT 4.4.5, 4.4.7).
///
/// DEFLATE data is inflated with a cap at the declared uncompressed size; once the data ends, its
/// size, the compressed bytes consumed and the CRC-32 must all match the central directory.
public final class ZipMemberReader {
    private static let chunkSize = 64 * 1024

    /// The member being read.
    public let entry: ZipEntry
    private let source: any ArchiveSource
    private let inflater: Inflater?
    private var position: Int
    private var crc: UInt = 0
    private var produced = 0
    private var finished = false

    init(source: any ArchiveSource, entry: ZipEntry) {
        self.source = source
        self.entry = entry
        position = entry.dataOffset
        let range = entry.dataOffset..<(entry.dataOffset + entry.compressedSize)
        inflater =
            entry.method == .deflated
            ? Inflater(source: source, range: range, format: .deflate, limit: entry.uncompressedSize)
            : nil
    }

    /// The next chunk of the member's data, or `nil` once it has all been read and checked.
    public func next() throws(ArchiveError) -> [UInt8]? {
        guard !finished else { return nil }
        let chunk: [UInt8]?
        do throws(ArchiveError) {
            if let inflater {
                chunk = try inflater.next()
            } else {
                chunk = try readStored()
            }
        } catch {
            throw ArchiveError("File '\(entry.name)' is corrupt: \(error.reason)")
        }
        guard let chunk else {
            finished = true
            try verify()
            return nil
        }
        produced += chunk.count
        crc = chunk.withUnsafeBufferPointer { buffer in
            CZlib.crc32(crc, buffer.baseAddress, UInt32(buffer.count))
        }
        return chunk
    }

    private func readStored() throws(ArchiveError) -> [UInt8]? {
        let end = entry.dataOffset + entry.compressedSize
        guard position < end else { return nil }
        let length = min(Self.chunkSize, end - position)
        defer { position += length }
        return try source.bytes(at: position, length: length)
    }

    private func verify() throws(ArchiveError) {
        guard produced == entry.uncompressedSize else {
            throw ArchiveError("File '\(entry.name)' is corrupt: it is shorter than its declared size")
        }
        if let inflater, inflater.consumedCount != entry.compressedSize {
            throw ArchiveError("File '\(entry.name)' is corrupt: data follows its compressed stream")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw ArchiveError("File '\(entry.name)' is corrupt: its CRC-32 does not match")
        }
    }
}
