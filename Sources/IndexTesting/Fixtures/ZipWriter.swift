/// Writes a ZIP archive with STORED members, enough to build test wheels and zip sdists.
public enum ZipWriter {
    /// The archive holding `members` (path, bytes) in order.
    public static func archive(_ members: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in members {
            let nameBytes = Array(name.utf8)
            let crc = CRC32.checksum(data)
            let offset = output.count
            output.appendLE32(0x0403_4B50)
            header(&output, nameBytes: nameBytes, crc: crc, size: data.count)
            output += nameBytes
            output += data
            central.appendLE32(0x0201_4B50)
            central.appendLE16(20)
            header(&central, nameBytes: nameBytes, crc: crc, size: data.count)
            central.appendLE16(0)  // comment
            central.appendLE16(0)  // disk
            central.appendLE16(0)  // internal attributes
            central.appendLE32(0o100644 << 16)
            central.appendLE32(UInt32(offset))
            central += nameBytes
        }
        let centralOffset = output.count
        output += central
        output.appendLE32(0x0605_4B50)
        output.appendLE16(0)
        output.appendLE16(0)
        output.appendLE16(members.count)
        output.appendLE16(members.count)
        output.appendLE32(UInt32(central.count))
        output.appendLE32(UInt32(centralOffset))
        output.appendLE16(0)
        return output
    }

    private static func header(_ output: inout [UInt8], nameBytes: [UInt8], crc: UInt32, size: Int) {
        output.appendLE16(20)  // version needed
        output.appendLE16(0x0800)  // UTF-8 names
        output.appendLE16(0)  // stored
        output.appendLE16(0)  // time
        output.appendLE16(33)  // 1980-01-01
        output.appendLE32(crc)
        output.appendLE32(UInt32(size))
        output.appendLE32(UInt32(size))
        output.appendLE16(nameBytes.count)
        output.appendLE16(0)  // extra
    }
}
