/// The central directory of a ZIP archive, parsed and checked (APPNOTE.TXT 4.3.12).
struct ZipCentralDirectory {
    /// One central directory header, with its ZIP64 values resolved.
    struct Header {
        let name: String
        let flags: Int
        let method: ZipEntry.Method
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let headerOffset: Int

        func entry(dataOffset: Int) -> ZipEntry {
            ZipEntry(
                name: name, method: method, crc32: crc32, compressedSize: compressedSize,
                uncompressedSize: uncompressedSize, headerOffset: headerOffset, dataOffset: dataOffset)
        }
    }

    private static let fixedSize = 46
    /// Encryption (bits 0, 6 and 13) and a data descriptor (bit 3) of the general purpose flags.
    private static let encryptedFlags = 0x0001 | 0x0040 | 0x2000
    static let dataDescriptorFlag = 0x0008

    let headers: [Header]

    init(source: any ArchiveSource, end: ZipEndRecord) throws(ArchiveError) {
        guard end.entryCount <= end.directorySize / Self.fixedSize else {
            throw .zipNotAccepted("Mismatched central directory records")
        }
        let bytes = try source.bytes(at: end.directoryOffset, length: end.directorySize)
        var headers: [Header] = []
        headers.reserveCapacity(end.entryCount)
        var names: Set<String> = []
        var position = 0
        for _ in 0..<end.entryCount {
            let header = try Self.header(in: bytes, at: &position)
            guard names.insert(header.name).inserted else {
                throw .zipNotAccepted("Duplicate filename in central directory")
            }
            headers.append(header)
        }
        guard position == bytes.count else { throw .zipNotAccepted("Mismatched central directory records") }
        try Self.refuseFileDirectoryClashes(names)
        self.headers = headers
    }

    private static func header(in bytes: [UInt8], at position: inout Int) throws(ArchiveError) -> Header {
        guard bytes.count - position >= fixedSize else { throw .zipNotAccepted("Mismatched central directory records") }
        let record = ZipRecordBytes(bytes, at: position)
        guard record.hasSignature(ZipSignature.centralDirectoryHeader) else {
            throw .zipNotAccepted("Unknown record signature")
        }
        let nameSize = record.uint16(28)
        let extraSize = record.uint16(30)
        guard record.uint16(32) == 0 else { throw .zipNotAccepted("Comment in central directory") }
        guard bytes.count - position - fixedSize >= nameSize + extraSize else {
            throw .zipNotAccepted("Mismatched central directory records")
        }
        let flags = record.uint16(8)
        let nameBytes = record.slice(fixedSize, nameSize)
        let name = try ZipEntryName.validate(nameBytes, flags: flags)
        let extras = try ZipExtraFields(record.slice(fixedSize + nameSize, extraSize), location: "central directory")
        try checkUnicodePath(extras, name: nameBytes)
        guard flags & encryptedFlags == 0 else { throw .zipNotAccepted("Encrypted files are not supported") }
        guard flags & dataDescriptorFlag == 0 else { throw .zipNotAccepted("ZIP contains a data descriptor") }
        guard let method = ZipEntry.Method(rawValue: record.uint16(10)) else { throw .unsupportedCompression }
        var zip64 = Zip64FieldReader(extras.zip64)
        let uncompressedSize = try zip64.resolve(record.uint32(24))
        let compressedSize = try zip64.resolve(record.uint32(20))
        let headerOffset = try zip64.resolve(record.uint32(42))
        guard try zip64.resolveDisk(record.uint16(34)) == 0 else {
            throw .zipNotAccepted("Archives that span multiple disks are not supported")
        }
        if method == .stored, compressedSize != uncompressedSize {
            throw .zipNotAccepted("Stored file '\(name)' has different compressed and uncompressed sizes")
        }
        if name.utf8.last == UInt8(ascii: "/"), uncompressedSize != 0 {
            throw .zipNotAccepted("Directory '\(name)' has data")
        }
        position += fixedSize + nameSize + extraSize
        return Header(
            name: name, flags: flags, method: method, crc32: UInt32(record.uint32(16)),
            compressedSize: compressedSize, uncompressedSize: uncompressedSize, headerOffset: headerOffset)
    }

    /// An Info-ZIP Unicode Path field may only repeat the header's own (UTF-8) name.
    static func checkUnicodePath(_ extras: ZipExtraFields, name: ArraySlice<UInt8>) throws(ArchiveError) {
        guard let path = extras.unicodePath else { return }
        guard path.elementsEqual(name) else { throw .zipNotAccepted("Unicode path extra does not match the filename") }
    }

    /// A path may not be both a file and a directory ("a" and "a/b", or "a" and "a/").
    ///
    /// Sorted byte-wise, the names under `a/` follow `a/` directly, so one binary search per file
    /// finds a clash without building every parent path.
    private static func refuseFileDirectoryClashes(_ names: Set<String>) throws(ArchiveError) {
        let sorted = names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        for name in sorted where name.last != UInt8(ascii: "/") {
            let prefix = name + [UInt8(ascii: "/")]
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
            }
            if low < sorted.count, sorted[low].starts(with: prefix) {
                throw .zipNotAccepted("'\(String(decoding: name, as: UTF8.self))' is both a file and a directory")
            }
        }
    }
}
