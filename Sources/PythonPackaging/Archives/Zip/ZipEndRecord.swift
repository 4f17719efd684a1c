/// Where the central directory is, from the End Of Central Directory record and, for ZIP64
/// archives, the ZIP64 locator and ZIP64 End Of Central Directory record (APPNOTE.TXT 4.3.14-16).
///
/// The EOCD must end the archive: an archive comment or trailing bytes are refused, as is
/// anything between the central directory and the end records.
struct ZipEndRecord {
    let entryCount: Int
    let directoryOffset: Int
    let directorySize: Int

    private static let eocdSize = 22
    private static let locatorSize = 20
    private static let zip64RecordSize = 56
    private static let maximumCommentSize = 0xFFFF
    static let maximumDirectorySize = 64 * 1024 * 1024

    init(source: any ArchiveSource) throws(ArchiveError) {
        let count = source.count
        guard count >= Self.eocdSize else { throw .notAZipFile }
        let eocdOffset = count - Self.eocdSize
        let eocd = ZipRecordBytes(try source.bytes(at: eocdOffset, length: Self.eocdSize))
        guard eocd.hasSignature(ZipSignature.endOfCentralDirectory), eocd.uint16(20) == 0 else {
            throw try Self.misplacedEndError(source: source)
        }
        var entriesOnDisk = eocd.uint16(8)
        var entries = eocd.uint16(10)
        var size = eocd.uint32(12)
        var offset = eocd.uint32(16)
        var disks = [eocd.uint16(4), eocd.uint16(6)]
        var directoryEnd = eocdOffset

        let locatorOffset = eocdOffset - Self.locatorSize
        let locator = ZipRecordBytes(
            locatorOffset >= 0 ? try source.bytes(at: locatorOffset, length: Self.locatorSize) : [])
        if locator.hasSignature(ZipSignature.zip64Locator) {
            // ZIP64: the locator points at the ZIP64 EOCD, which must sit right before it.
            guard locator.uint32(4) == 0, locator.uint32(16) == 1 else { throw Self.multiDisk }
            let recordOffset = locator.uint64(8)
            guard recordOffset <= locatorOffset - Self.zip64RecordSize else {
                throw .zipNotAccepted("Malformed zip file")
            }
            let record = ZipRecordBytes(try source.bytes(at: recordOffset, length: Self.zip64RecordSize))
            guard record.hasSignature(ZipSignature.zip64EndOfCentralDirectory) else {
                throw .zipNotAccepted("Malformed zip file")
            }
            guard record.uint64(4) == Self.zip64RecordSize - 12 else {
                throw .zipNotAccepted("ZIP64 extensible data not allowed")
            }
            guard recordOffset == locatorOffset - Self.zip64RecordSize else {
                throw .zipNotAccepted("Malformed zip file")
            }
            // The classic EOCD may only repeat the ZIP64 values or hold the "see ZIP64" sentinel.
            let wide = [
                record.uint32(16), record.uint32(20), record.uint64(24), record.uint64(32), record.uint64(40),
                record.uint64(48),
            ]
            let narrow = [disks[0], disks[1], entriesOnDisk, entries, size, offset]
            let sentinels = [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF]
            for index in 0..<wide.count where narrow[index] != wide[index] && narrow[index] != sentinels[index] {
                throw .zipNotAccepted("Malformed zip file")
            }
            disks = [wide[0], wide[1]]
            (entriesOnDisk, entries, size, offset) = (wide[2], wide[3], wide[4], wide[5])
            directoryEnd = recordOffset
        }
        guard disks == [0, 0] else { throw Self.multiDisk }
        guard entriesOnDisk == entries else { throw .zipNotAccepted("Malformed zip file") }
        guard size <= Self.maximumDirectorySize else {
            throw .zipNotAccepted("Central directory too large (\(size) bytes)")
        }
        guard offset <= directoryEnd else { throw .zipNotAccepted("Mismatched central directory offset") }
        guard directoryEnd - offset == size else { throw .zipNotAccepted("Mismatched central directory size") }
        entryCount = entries
        directoryOffset = offset
        directorySize = size
    }

    private static let multiDisk = ArchiveError.zipNotAccepted("Archives that span multiple disks are not supported")

    /// Why no EOCD ends the archive: a comment or trailing bytes after an earlier one, or no ZIP.
    private static func misplacedEndError(source: any ArchiveSource) throws(ArchiveError) -> ArchiveError {
        let length = min(source.count, maximumCommentSize + eocdSize)
        let tail = try source.bytes(at: source.count - length, length: length)
        let record = ZipRecordBytes(tail)
        var position = length - eocdSize
        while position >= 0 {
            if record.hasSignature(ZipSignature.endOfCentralDirectory, at: position) {
                let commentSize = record.uint16(position + 20)
                return commentSize > 0 && position + eocdSize + commentSize == length
                    ? .zipNotAccepted("Archive comment not allowed")
                    : .zipNotAccepted("Trailing data")
            }
            position -= 1
        }
        return .notAZipFile
    }
}
