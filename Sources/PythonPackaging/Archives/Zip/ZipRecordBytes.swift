/// Little-endian field access to a ZIP record read from an archive (APPNOTE.TXT 4.4).
///
/// Callers read a record's fixed part whole before decoding it, so every offset passed here lies
/// inside `bytes`; the reads never trap.
struct ZipRecordBytes {
    let bytes: [UInt8]
    let base: Int

    init(_ bytes: [UInt8], at base: Int = 0) {
        self.bytes = bytes
        self.base = base
    }

    func uint16(_ offset: Int) -> Int {
        Int(bytes[base + offset]) | Int(bytes[base + offset + 1]) << 8
    }

    func uint32(_ offset: Int) -> Int {
        uint16(offset) | uint16(offset + 2) << 16
    }

    /// A 64-bit field; values beyond `Int.max` come back as `Int.max`, which no archive reaches.
    func uint64(_ offset: Int) -> Int {
        let high = uint32(offset + 4)
        guard high < 0x8000_0000 else { return Int.max }
        return uint32(offset) | high << 32
    }

    /// Whether the four bytes at `offset` are `signature`.
    func hasSignature(_ signature: UInt32, at offset: Int = 0) -> Bool {
        base + offset + 4 <= bytes.count && uint32(offset) == Int(signature)
    }

    func slice(_ offset: Int, _ length: Int) -> ArraySlice<UInt8> {
        bytes[(base + offset)..<(base + offset + length)]
    }
}

/// The record signatures of APPNOTE.TXT section 4.3.
enum ZipSignature {
    static let localFileHeader: UInt32 = 0x0403_4b50
    static let centralDirectoryHeader: UInt32 = 0x0201_4b50
    static let endOfCentralDirectory: UInt32 = 0x0605_4b50
    static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4b50
    static let zip64Locator: UInt32 = 0x0706_4b50
}
