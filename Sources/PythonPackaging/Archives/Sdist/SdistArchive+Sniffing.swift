extension SdistArchive {
    /// Whether `source` starts with the gzip magic number (RFC 1952, section 2.3.1).
    static func looksLikeGzip(_ source: any ArchiveSource) throws(ArchiveError) -> Bool {
        guard source.count >= 2 else { return false }
        return try source.bytes(at: 0, length: 2) == [0x1f, 0x8b]
    }

    /// Whether Python's `zipfile.is_zipfile` (3.13 and later) would take `source` for a ZIP
    /// archive: an end-of-central-directory record (`PK\5\6`) at the end or, with a comment,
    /// in the last 64 KiB + 22 bytes, describing either an empty archive or a central directory
    /// whose first entry starts with its signature (`PK\1\2`).
    ///
    /// Warehouse refuses such a tar + zip polyglot: "File is both a zip and a tar file".
    static func looksLikeZip(_ source: any ArchiveSource) throws(ArchiveError) -> Bool {
        let recordSize = 22
        guard source.count >= recordSize else { return false }
        let start = max(source.count - recordSize - (1 << 16), 0)
        let tail = try source.bytes(at: start, length: source.count - start)
        let last = tail.count - recordSize
        var record = last
        if !isEndRecord(tail, at: last) || tail[tail.count - 2] != 0 || tail[tail.count - 1] != 0 {
            // Python takes the last signature in the tail; one without room for a record fails.
            guard let found = (0...(tail.count - 4)).reversed().first(where: { isEndRecord(tail, at: $0) }),
                found <= last
            else { return false }
            record = found
        }
        func field(_ offset: Int, _ length: Int) -> Int {
            (0..<length).reduce(0) { $0 | Int(tail[record + offset + $1]) << (8 * $1) }
        }
        let (disk, directoryDisk, total) = (field(4, 2), field(6, 2), field(10, 2))
        let (directorySize, directoryOffset) = (field(12, 4), field(16, 4))
        if total == 0, directorySize == 0, directoryOffset == 0 { return true }
        // The central directory ends where the end record starts (data may be prepended).
        let directoryStart = start + record - directorySize
        guard disk == directoryDisk, directorySize >= 46, directoryStart >= 0 else { return false }
        return try source.bytes(at: directoryStart, length: 4) == [0x50, 0x4b, 0x01, 0x02]
    }

    private static func isEndRecord(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] == 0x50 && bytes[index + 1] == 0x4b && bytes[index + 2] == 0x05 && bytes[index + 3] == 0x06
    }
}
