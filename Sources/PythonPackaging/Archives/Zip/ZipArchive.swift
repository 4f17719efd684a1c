/// A ZIP archive read in place through an ``ArchiveSource``, validated strictly (APPNOTE.TXT).
///
/// Opening an archive reads only its end records, central directory and local file headers, and
/// refuses anything Warehouse's `validate_zipfile` refuses (`warehouse/utils/zipfiles.py`) so that
/// every ZIP reader sees the same members, plus unsafe member names and decompression bombs.
/// Member data is only read, inflated and CRC-checked on demand, with ``reader(for:)``.
public struct ZipArchive {
    /// Warehouse's decompression-bomb rule: refused when the members together decompress to more
    /// than this many bytes…
    public static let compressionRatioMinimumSize = 64 * 1024 * 1024
    /// …and more than this many times the archive's size.
    public static let compressionRatioThreshold = 50
    /// The most members an archive may have.
    public static let maximumEntryCount = 100_000
    /// The largest central directory accepted, in bytes.
    public static let maximumCentralDirectorySize = ZipEndRecord.maximumDirectorySize

    /// The members, in central directory order.
    public let entries: [ZipEntry]
    /// The sum of the members' declared uncompressed sizes.
    public let totalUncompressedSize: Int

    let source: any ArchiveSource
    private let indexByName: [String: Int]

    /// Opens and validates the archive held by `source`.
    public init(source: any ArchiveSource) throws(ArchiveError) {
        let end = try ZipEndRecord(source: source)
        try Self.refuseTarPolyglot(source)
        guard end.entryCount <= Self.maximumEntryCount else {
            throw .zipNotAccepted("Too many files (\(end.entryCount); the limit is \(Self.maximumEntryCount))")
        }
        let directory = try ZipCentralDirectory(source: source, end: end)
        let total = directory.headers.reduce(0) { sum, header in
            let (next, overflow) = sum.addingReportingOverflow(header.uncompressedSize)
            return overflow ? Int.max : next
        }
        // Decided from the declared sizes alone, before inflating anything (Warehouse's rule).
        let (ratioLimit, ratioOverflow) = source.count.multipliedReportingOverflow(by: Self.compressionRatioThreshold)
        if total > Self.compressionRatioMinimumSize, !ratioOverflow, total > ratioLimit {
            throw .compressionRatio(Self.compressionRatioThreshold)
        }
        let dataOffsets = try ZipLocalHeaders.check(
            directory.headers, source: source, directoryOffset: end.directoryOffset)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.headers.count)
        for (header, dataOffset) in zip(directory.headers, dataOffsets) {
            entries.append(header.entry(dataOffset: dataOffset))
        }
        self.entries = entries
        self.source = source
        self.totalUncompressedSize = total
        indexByName = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    /// The member called `name` (directories end with `/`), if there is one.
    public func entry(named name: String) -> ZipEntry? {
        indexByName[name].map { entries[$0] }
    }

    /// Streams `entry`'s decompressed data in chunks, checking its size and CRC-32.
    public func reader(for entry: ZipEntry) -> ZipMemberReader {
        ZipMemberReader(source: source, entry: entry)
    }

    /// The whole decompressed data of `entry`, refused when it declares more than `limit` bytes.
    public func read(_ entry: ZipEntry, limit: Int) throws(ArchiveError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw ArchiveError(
                "File '\(entry.name)' is too large (\(entry.uncompressedSize) bytes; the limit is \(limit))")
        }
        let reader = reader(for: entry)
        var data: [UInt8] = []
        data.reserveCapacity(entry.uncompressedSize)
        while let chunk = try reader.next() {
            data += chunk
        }
        return data
    }

    /// Warehouse refuses a file that `tarfile` would also open: a first 512-byte block whose tar
    /// header checksum (bytes 148-155, octal) matches is enough to be refused here.
    private static func refuseTarPolyglot(_ source: any ArchiveSource) throws(ArchiveError) {
        guard source.count >= 512 else { return }
        let block = try source.bytes(at: 0, length: 512)
        var field = block[148..<156].prefix { $0 != 0 }
        while field.first == UInt8(ascii: " ") { field.removeFirst() }
        while field.last == UInt8(ascii: " ") { field.removeLast() }
        var stored = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { return }
            stored = (stored &* 8) &+ Int(byte - UInt8(ascii: "0"))
        }
        var unsigned = 8 * 0x20
        var signed = 8 * 0x20
        for (index, byte) in block.enumerated() where !(148..<156).contains(index) {
            unsigned += Int(byte)
            signed += Int(Int8(bitPattern: byte))
        }
        guard stored != unsigned, stored != signed else { throw .zipAndTar }
    }
}
