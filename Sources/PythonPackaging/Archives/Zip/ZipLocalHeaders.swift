/// Checks the local file headers against the central directory (APPNOTE.TXT 4.3.7).
///
/// A streaming reader sees only local headers and a central-directory reader only the directory;
/// Warehouse requires both views to agree. Here the local records (header plus data, no data
/// descriptor) must tile the archive from byte 0 up to the central directory with no gap or
/// overlap, and each must repeat its directory entry's name, flags, method, CRC-32 and sizes.
enum ZipLocalHeaders {
    private static let fixedSize = 30

    /// The data offset of each of `headers`, in the same order.
    static func check(
        _ headers: [ZipCentralDirectory.Header], source: any ArchiveSource, directoryOffset: Int
    ) throws(ArchiveError) -> [Int] {
        let order = headers.indices.sorted { headers[$0].headerOffset < headers[$1].headerOffset }
        var dataOffsets = [Int](repeating: 0, count: headers.count)
        var expected = 0
        for index in order {
            let header = headers[index]
            guard header.headerOffset <= expected else {
                throw try gapError(at: expected, headers: headers, source: source, directoryOffset: directoryOffset)
            }
            guard header.headerOffset == expected else { throw .zipNotAccepted("Overlapping files") }
            let dataOffset = try check(header, source: source, directoryOffset: directoryOffset)
            dataOffsets[index] = dataOffset
            expected = dataOffset + header.compressedSize
        }
        guard expected == directoryOffset else {
            throw try gapError(at: expected, headers: headers, source: source, directoryOffset: directoryOffset)
        }
        return dataOffsets
    }

    private static func check(
        _ header: ZipCentralDirectory.Header, source: any ArchiveSource, directoryOffset: Int
    ) throws(ArchiveError) -> Int {
        let offset = header.headerOffset
        guard directoryOffset - offset >= fixedSize else { throw .zipNotAccepted("Malformed zip file") }
        let fixed = ZipRecordBytes(try source.bytes(at: offset, length: fixedSize))
        guard fixed.hasSignature(ZipSignature.localFileHeader) else {
            throw .zipNotAccepted("Unknown record signature")
        }
        let nameSize = fixed.uint16(26)
        let extraSize = fixed.uint16(28)
        guard directoryOffset - offset - fixedSize >= nameSize + extraSize else {
            throw .zipNotAccepted("Malformed zip file")
        }
        let variable = try source.bytes(at: offset + fixedSize, length: nameSize + extraSize)
        let name = variable[0..<nameSize]
        guard !ZipEntryName.hasUnprintable(name) else { throw .zipNotAccepted("Invalid character in filename") }
        let extras = try ZipExtraFields(variable[nameSize...], location: "local file")
        try ZipCentralDirectory.checkUnicodePath(extras, name: name)
        let flags = fixed.uint16(6)
        guard flags & ZipCentralDirectory.dataDescriptorFlag == 0 else {
            throw .zipNotAccepted("ZIP contains a data descriptor")
        }
        guard name.elementsEqual(header.name.utf8) else {
            throw .zipNotAccepted("Filename not in central directory")
        }
        var zip64 = Zip64FieldReader(extras.zip64)
        let uncompressedSize = try zip64.resolve(fixed.uint32(22))
        let compressedSize = try zip64.resolve(fixed.uint32(18))
        guard compressedSize == header.compressedSize else { throw .zipNotAccepted("Mis-matched data size") }
        guard uncompressedSize == header.uncompressedSize else { throw .zipNotAccepted("Mis-matched file size") }
        guard flags == header.flags else { throw .zipNotAccepted("Mis-matched flags for '\(header.name)'") }
        guard fixed.uint16(8) == header.method.rawValue else {
            throw .zipNotAccepted("Mis-matched compression method for '\(header.name)'")
        }
        guard UInt32(fixed.uint32(14)) == header.crc32 else {
            throw .zipNotAccepted("Mis-matched CRC-32 for '\(header.name)'")
        }
        let dataOffset = offset + fixedSize + nameSize + extraSize
        guard directoryOffset - dataOffset >= compressedSize else { throw .zipNotAccepted("Malformed zip file") }
        return dataOffset
    }

    /// What a sequential reader would make of the bytes at `position`, where no listed record
    /// starts: a hidden local file header, or something unknown.
    private static func gapError(
        at position: Int, headers: [ZipCentralDirectory.Header], source: any ArchiveSource, directoryOffset: Int
    ) throws(ArchiveError) -> ArchiveError {
        guard directoryOffset - position >= fixedSize else { return .zipNotAccepted("Unknown record signature") }
        let fixed = ZipRecordBytes(try source.bytes(at: position, length: fixedSize))
        guard fixed.hasSignature(ZipSignature.localFileHeader) else {
            return .zipNotAccepted("Unknown record signature")
        }
        let nameSize = min(fixed.uint16(26), directoryOffset - position - fixedSize)
        let name = try source.bytes(at: position + fixedSize, length: nameSize)
        let isListed = headers.contains { $0.name.utf8.elementsEqual(name) }
        return .zipNotAccepted(isListed ? "Duplicate filename in local headers" : "Filename not in central directory")
    }
}
