/// The fields of one 512-byte tar header block (POSIX ustar, with GNU and v7 variants) that the
/// reader needs.
struct TarHeader {
    static let blockSize = 512

    /// The name, joined with the ustar prefix when there is one; raw bytes.
    let name: [UInt8]
    /// The type flag byte, e.g. `0` for a file or `x` for a pax extended header.
    let typeFlag: UInt8
    /// The size field.
    let size: Int

    /// Parses `block`, which is 512 bytes and not all zeros; `index` numbers the header for
    /// messages.
    init(block: [UInt8], index: Int) throws(ArchiveError) {
        let stored = try Self.number(block, 148..<156, field: "checksum", index: index)
        // The checksum counts its own field as eight spaces; some old writers summed signed bytes.
        var unsigned = 8 * 0x20
        var signed = 8 * 0x20
        block.withUnsafeBufferPointer { bytes in
            for offset in 0..<TarHeader.blockSize where offset < 148 || offset >= 156 {
                unsigned += Int(bytes[offset])
                signed += Int(Int8(bitPattern: bytes[offset]))
            }
        }
        guard stored == unsigned || stored == signed else {
            throw ArchiveError("Tar header \(index) has a bad checksum.")
        }
        typeFlag = block[156]
        size = try Self.number(block, 124..<136, field: "size", index: index)
        let name = Self.string(block, 0..<100)
        // Only POSIX ustar ("ustar\0") has a prefix field; GNU's "ustar " keeps times there.
        let isPosix = block[257..<263].elementsEqual("ustar\0".utf8)
        let prefix = isPosix ? Self.string(block, 345..<500) : []
        self.name = prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
    }

    /// The bytes of a NUL-terminated field.
    static func string(_ block: [UInt8], _ range: Range<Int>) -> [UInt8] {
        let field = block[range]
        return Array(field.prefix { $0 != 0 })
    }

    /// A numeric field: octal digits (spaces around, ended by NUL or space), or GNU base-256
    /// when the first byte has its high bit set. Numbers too large for `Int` are refused.
    static func number(
        _ block: [UInt8], _ range: Range<Int>, field: String, index: Int
    ) throws(ArchiveError) -> Int {
        let invalid = ArchiveError("Tar header \(index) has an invalid \(field) field.")
        let bytes = block[range]
        if let first = bytes.first, first & 0x80 != 0 {
            // Base-256: 0x80 marks a positive number, 0xff a negative one, which no field allows.
            guard first == 0x80 else { throw invalid }
            var value = 0
            for byte in bytes.dropFirst() {
                guard value <= (Int.max >> 8) else { throw invalid }
                value = value << 8 | Int(byte)
            }
            return value
        }
        let text = bytes.prefix { $0 != 0 }.drop { $0 == 0x20 }
        let digits = text.prefix { $0 != 0x20 }
        guard text.dropFirst(digits.count).allSatisfy({ $0 == 0x20 }) else { throw invalid }
        var value = 0
        for byte in digits {
            guard (0x30...0x37).contains(byte), value <= (Int.max >> 3) else { throw invalid }
            value = value << 3 | Int(byte - 0x30)
        }
        return value
    }
}
