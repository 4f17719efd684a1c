/// The extra fields of a ZIP header that matter for reading it safely (APPNOTE.TXT 4.5).
///
/// Warehouse refuses a repeated ZIP64 (0x0001) or Info-ZIP Unicode Path (0x7075) field, since two
/// parsers could pick different copies; other fields are skipped.
struct ZipExtraFields {
    /// The data of the ZIP64 extended information field, if present.
    var zip64: ArraySlice<UInt8>?
    /// The UTF-8 name carried by an Info-ZIP Unicode Path field, if present.
    var unicodePath: ArraySlice<UInt8>?

    private static let zip64ID = 0x0001
    private static let unicodePathID = 0x7075

    /// Splits `extra` into fields; `location` names the header kind for the duplicate message.
    init(_ extra: ArraySlice<UInt8>, location: String) throws(ArchiveError) {
        let record = ZipRecordBytes(Array(extra))
        var position = 0
        var seen: Set<Int> = []
        while position < record.bytes.count {
            guard record.bytes.count - position >= 4 else { throw .zipNotAccepted("Malformed zip file") }
            let id = record.uint16(position)
            let size = record.uint16(position + 2)
            guard record.bytes.count - position - 4 >= size else { throw .zipNotAccepted("Malformed zip file") }
            let data = record.slice(position + 4, size)
            if id == Self.zip64ID || id == Self.unicodePathID {
                guard seen.insert(id).inserted else {
                    throw .zipNotAccepted("Invalid duplicate extra in \(location)")
                }
            }
            if id == Self.zip64ID {
                zip64 = data
            } else if id == Self.unicodePathID {
                // Version (1 byte, always 1) and the CRC-32 of the header name come first.
                guard size >= 5 else { throw .zipNotAccepted("Malformed zip file") }
                unicodePath = data.dropFirst(5)
            }
            position += 4 + size
        }
    }
}

/// Reads the ZIP64 replacements of header fields that hold their "see ZIP64" sentinel, in the
/// order APPNOTE.TXT 4.5.3 fixes: uncompressed size, compressed size, header offset, disk.
struct Zip64FieldReader {
    private let data: [UInt8]
    private var position = 0

    init(_ data: ArraySlice<UInt8>?) {
        self.data = data.map(Array.init) ?? []
    }

    /// `value`, or its 8-byte replacement when it equals `sentinel`.
    mutating func resolve(_ value: Int, sentinel: Int = 0xFFFF_FFFF) throws(ArchiveError) -> Int {
        try resolve(value, sentinel: sentinel, width: 8)
    }

    /// The disk number: `value`, or its 4-byte replacement when it is 0xFFFF.
    mutating func resolveDisk(_ value: Int) throws(ArchiveError) -> Int {
        try resolve(value, sentinel: 0xFFFF, width: 4)
    }

    private mutating func resolve(_ value: Int, sentinel: Int, width: Int) throws(ArchiveError) -> Int {
        guard value == sentinel else { return value }
        guard data.count - position >= width else { throw .zipNotAccepted("Malformed zip file") }
        let record = ZipRecordBytes(data, at: position)
        position += width
        return width == 8 ? record.uint64(0) : record.uint32(0)
    }
}
