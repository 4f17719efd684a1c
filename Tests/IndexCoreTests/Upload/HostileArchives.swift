import IndexTesting

/// Builders of malformed and hostile archives for the archive rejection cases (A01-A10).
enum HostileArchives {
    /// A ZIP member: its stored bytes, compression method, and the CRC-32 and uncompressed size
    /// it declares (by default those of `data`).
    struct ZipMember {
        var name: String
        var data: [UInt8]
        var method = 0
        var uncompressedSize: Int?
        var crc: UInt32?
    }

    /// A ZIP archive of `members`, written as they declare themselves.
    static func zip(_ members: [ZipMember]) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for member in members {
            let name = Array(member.name.utf8)
            let offset = output.count
            func header(_ bytes: inout [UInt8]) {
                bytes.le(20, 2)
                bytes.le(0x0800, 2)
                bytes.le(member.method, 2)
                bytes.le(0, 2)
                bytes.le(33, 2)
                bytes.le(Int(member.crc ?? crc32(member.data)), 4)
                bytes.le(member.data.count, 4)
                bytes.le(member.uncompressedSize ?? member.data.count, 4)
                bytes.le(name.count, 2)
                bytes.le(0, 2)
            }
            output.le(0x0403_4B50, 4)
            header(&output)
            output += name + member.data
            central.le(0x0201_4B50, 4)
            central.le(20, 2)
            header(&central)
            central.le(0, 6)
            central.le(0o100644 << 16, 4)
            central.le(offset, 4)
            central += name
        }
        let directoryOffset = output.count
        output += central
        output.le(0x0605_4B50, 4)
        output.le(0, 4)
        output.le(members.count, 2)
        output.le(members.count, 2)
        output.le(central.count, 4)
        output.le(directoryOffset, 4)
        output.le(0, 2)
        return output
    }

    /// The wheel `DistributionBuilder.wheel()` builds, with `edit` applied to its members
    /// (path, bytes) before `RECORD` is added; `record` replaces the RECORD text, `listed`
    /// picks the members RECORD lists, and `withRecord: false` leaves RECORD out.
    static func wheel(
        _ builder: DistributionBuilder, record: String? = nil, listed: (String) -> Bool = { _ in true },
        withRecord: Bool = true, edit: (inout [(String, [UInt8])]) -> Void
    ) -> (filename: String, bytes: [UInt8]) {
        let distInfo = "\(builder.filenameName)-\(builder.version).dist-info"
        let wheelFile = "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        var members: [(String, [UInt8])] = [
            ("\(builder.filenameName)/__init__.py", Array("print('hello')\n".utf8)),
            ("\(distInfo)/METADATA", builder.metadataFile), ("\(distInfo)/WHEEL", Array(wheelFile.utf8)),
        ]
        edit(&members)
        let rows = members.filter { listed($0.0) }.map { "\($0.0),,\($0.1.count)" } + ["\(distInfo)/RECORD,,", ""]
        if withRecord { members.append(("\(distInfo)/RECORD", Array((record ?? rows.joined(separator: "\n")).utf8))) }
        return ("\(builder.filenameName)-\(builder.version)-py3-none-any.whl", ZipWriter.archive(members))
    }

    /// An uncompressed tar of `members` in which member `index` has tar type `typeflag` and
    /// link target `link` (e.g. `2` and `/etc/passwd` for a symlink).
    static func tar(_ members: [(String, [UInt8])], index: Int, typeflag: Character, link: String) -> [UInt8] {
        var bytes = TarGzipWriter.tar(members)
        var offset = 0
        for member in members.prefix(index) { offset += 512 + (member.1.count + 511) / 512 * 512 }
        bytes[offset + 156] = typeflag.asciiValue ?? 0
        for (position, byte) in link.utf8.enumerated() { bytes[offset + 157 + position] = byte }
        for position in 148..<156 { bytes[offset + position] = 0x20 }
        let sum = bytes[offset..<(offset + 512)].reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        let field = String(repeating: "0", count: 6 - digits.count) + digits
        for (position, byte) in field.utf8.enumerated() { bytes[offset + 148 + position] = byte }
        bytes[offset + 154] = 0
        return bytes
    }

    /// `bytes` in a gzip member compressed with `deflate`.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
        output += deflate(bytes)
        output.le(Int(crc32(bytes)), 4)
        output.le(bytes.count & 0xFFFF_FFFF, 4)
        return output
    }

    /// Raw DEFLATE in one fixed-Huffman block: literals, and runs of a repeated byte as
    /// length-258 matches at distance 1, so long runs of zeros shrink about 150 times.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)
        writer.write(1, count: 2)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            writer.literal(Int(byte))
            index += 1
            while index + 258 <= bytes.count, bytes[index..<(index + 258)].allSatisfy({ $0 == byte }) {
                writer.code(0xC5, count: 8)  // length 258 (symbol 285)
                writer.code(0, count: 5)  // distance 1
                index += 258
            }
        }
        writer.code(0, count: 7)  // end of block (symbol 256)
        return writer.bytes
    }

    /// Raw DEFLATE of `count` zero bytes, without building them.
    static func deflatedZeros(_ count: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)
        writer.write(1, count: 2)
        writer.literal(0)
        var left = count - 1
        while left >= 258 {
            writer.code(0xC5, count: 8)
            writer.code(0, count: 5)
            left -= 258
        }
        for _ in 0..<left { writer.literal(0) }
        writer.code(0, count: 7)
        return writer.bytes
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

/// DEFLATE's bit order: values least significant bit first, Huffman codes most significant first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var used = 8

    mutating func write(_ value: Int, count: Int) {
        for bit in 0..<count {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            bytes[bytes.count - 1] |= UInt8((value >> bit) & 1) << used
            used += 1
        }
    }

    mutating func code(_ code: Int, count: Int) {
        for bit in stride(from: count - 1, through: 0, by: -1) { write((code >> bit) & 1, count: 1) }
    }

    mutating func literal(_ value: Int) {
        if value < 144 { code(0x30 + value, count: 8) } else { code(0x190 + value - 144, count: 9) }
    }
}

extension [UInt8] {
    fileprivate mutating func le(_ value: Int, _ count: Int) {
        for index in 0..<count { append(UInt8((value >> (8 * index)) & 0xFF)) }
    }
}
