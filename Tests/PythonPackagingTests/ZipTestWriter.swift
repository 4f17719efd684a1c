@testable import PythonPackaging

/// One member for ``ZipTestWriter``, with knobs to make its records lie.
struct ZipTestMember {
    var name: [UInt8]
    var data: [UInt8]
    /// 0 stores, 8 DEFLATEs (as stored DEFLATE blocks), anything else writes `data` as is.
    var method = 0
    var flags = 0
    var compressed: [UInt8]?
    var crc: UInt32?
    var declaredSize: Int?
    var localName: [UInt8]?
    var localCompressedSize: Int?
    var localUncompressedSize: Int?
    var localFlags: Int?
    var localMethod: Int?
    var localCRC: UInt32?
    var centralExtra: [UInt8] = []
    var localExtra: [UInt8] = []
    var comment: [UInt8] = []
    var zip64 = false
    var disk = 0
    var headerOffset: Int?
    var inDirectory = true

    init(_ name: String, _ data: [UInt8] = [], method: Int = 0) {
        self.name = Array(name.utf8)
        self.data = data
        self.method = method
    }

    init(_ name: String, _ text: String, method: Int = 0) {
        self.init(name, Array(text.utf8), method: method)
    }
}

/// A ZIP writer for tests that produces valid archives and, on request, malformed ones.
struct ZipTestWriter {
    var members: [ZipTestMember]
    var prefix: [UInt8] = []
    var gapBeforeDirectory: [UInt8] = []
    var archiveComment: [UInt8] = []
    var trailing: [UInt8] = []
    var zip64EndRecord = false
    var zip64ExtensibleData: [UInt8] = []
    var entryCountAdjustment = 0
    var entriesOnDiskAdjustment = 0
    var directoryOffsetAdjustment = 0
    var directorySizeAdjustment = 0
    var eocdDisk = 0
    var locatorDisks = 1

    init(_ members: [ZipTestMember]) {
        self.members = members
    }

    func build() -> [UInt8] {
        var out = prefix
        var central: [UInt8] = []
        var count = 0
        for member in members {
            let stored = member.compressed ?? Self.encode(member.data, method: member.method)
            let crc = member.crc ?? ZipTestCRC.checksum(member.data)
            let size = member.declaredSize ?? member.data.count
            let offset = member.headerOffset ?? out.count
            // Local file header.
            let localSizes = (member.localCompressedSize ?? stored.count, member.localUncompressedSize ?? size)
            var localExtra = member.localExtra
            if member.zip64 { localExtra = Self.zip64Extra([localSizes.1, localSizes.0]) + localExtra }
            let localName = member.localName ?? member.name
            out += Self.u32(0x0403_4b50) + Self.u16(45) + Self.u16(member.localFlags ?? member.flags)
            out += Self.u16(member.localMethod ?? member.method) + Self.u16(0) + Self.u16(0x21)
            out += Self.u32(Int(member.localCRC ?? crc))
            out +=
                member.zip64
                ? Self.u32(0xFFFF_FFFF) + Self.u32(0xFFFF_FFFF) : Self.u32(localSizes.0) + Self.u32(localSizes.1)
            out += Self.u16(localName.count) + Self.u16(localExtra.count) + localName + localExtra + stored
            guard member.inDirectory else { continue }
            // Central directory header.
            var centralExtra = member.centralExtra
            if member.zip64 { centralExtra = Self.zip64Extra([size, stored.count, offset]) + centralExtra }
            central += Self.u32(0x0201_4b50) + Self.u16(0x031E) + Self.u16(45) + Self.u16(member.flags)
            central += Self.u16(member.method) + Self.u16(0) + Self.u16(0x21) + Self.u32(Int(crc))
            central +=
                member.zip64 ? Self.u32(0xFFFF_FFFF) + Self.u32(0xFFFF_FFFF) : Self.u32(stored.count) + Self.u32(size)
            central += Self.u16(member.name.count) + Self.u16(centralExtra.count) + Self.u16(member.comment.count)
            central += Self.u16(member.disk) + Self.u16(0) + Self.u32(0o100644 << 16)
            central += member.zip64 ? Self.u32(0xFFFF_FFFF) : Self.u32(offset)
            central += member.name + centralExtra + member.comment
            count += 1
        }
        out += gapBeforeDirectory
        let directoryOffset = out.count + directoryOffsetAdjustment
        out += central
        let entries = count + entryCountAdjustment
        let directorySize = central.count + directorySizeAdjustment
        if zip64EndRecord {
            let recordOffset = out.count
            out += Self.u32(0x0606_4b50) + Self.u64(44 + zip64ExtensibleData.count) + Self.u16(45) + Self.u16(45)
            out += Self.u32(eocdDisk) + Self.u32(0) + Self.u64(entries + entriesOnDiskAdjustment) + Self.u64(entries)
            out += Self.u64(directorySize) + Self.u64(directoryOffset) + zip64ExtensibleData
            out += Self.u32(0x0706_4b50) + Self.u32(0) + Self.u64(recordOffset) + Self.u32(locatorDisks)
            out += Self.u32(0x0605_4b50) + Self.u16(0xFFFF) + Self.u16(0xFFFF) + Self.u16(0xFFFF) + Self.u16(0xFFFF)
            out += Self.u32(0xFFFF_FFFF) + Self.u32(0xFFFF_FFFF)
        } else {
            out += Self.u32(0x0605_4b50) + Self.u16(eocdDisk) + Self.u16(0)
            out += Self.u16(entries + entriesOnDiskAdjustment) + Self.u16(entries)
            out += Self.u32(directorySize) + Self.u32(directoryOffset)
        }
        out += Self.u16(archiveComment.count) + archiveComment + trailing
        return out
    }

    /// DEFLATE as stored blocks (RFC 1951 section 3.2.4), enough for an inflater to accept.
    static func deflateStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        repeat {
            let length = min(65535, data.count - index)
            let last = index + length == data.count
            out += [last ? 1 : 0] + u16(length) + u16(length ^ 0xFFFF) + data[index..<(index + length)]
            index += length
        } while index < data.count
        return out
    }

    static func encode(_ data: [UInt8], method: Int) -> [UInt8] {
        method == 8 ? deflateStored(data) : data
    }

    static func zip64Extra(_ values: [Int]) -> [UInt8] {
        u16(1) + u16(8 * values.count) + values.flatMap(u64)
    }

    static func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func u32(_ value: Int) -> [UInt8] { u16(value & 0xFFFF) + u16(value >> 16 & 0xFFFF) }
    static func u64(_ value: Int) -> [UInt8] { u32(value & 0xFFFF_FFFF) + u32(value >> 32 & 0xFFFF_FFFF) }
}

/// CRC-32 (ISO-HDLC), computed bit by bit: tests need no zlib.
enum ZipTestCRC {
    static func checksum(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
