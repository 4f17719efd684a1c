/// Writes a ustar archive compressed as gzip with stored DEFLATE blocks (no compression
/// needed), enough to build test sdists.
public enum TarGzipWriter {
    /// The `.tar.gz` holding `members` (path, bytes) as regular files, in order.
    public static func archive(_ members: [(String, [UInt8])]) -> [UInt8] {
        gzip(tar(members))
    }

    /// An uncompressed ustar archive.
    public static func tar(_ members: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        for (name, data) in members {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int) {
                for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
            }
            func octal(_ value: Int, width: Int) -> String {
                let digits = String(value, radix: 8)
                return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            }
            put(name, at: 0)
            put(octal(0o644, width: 8), at: 100)
            put(octal(0, width: 8), at: 108)
            put(octal(0, width: 8), at: 116)
            put(octal(data.count, width: 12), at: 124)
            put(octal(0, width: 12), at: 136)
            put("        ", at: 148)
            header[156] = UInt8(ascii: "0")
            put("ustar", at: 257)
            put("00", at: 263)
            let sum = header.reduce(0) { $0 + Int($1) }
            put(octal(sum, width: 7), at: 148)
            header[155] = 0x20
            output += header
            output += data
            output += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
        }
        output += [UInt8](repeating: 0, count: 1024)
        return output
    }

    /// `bytes` in a gzip member made of stored DEFLATE blocks.
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final = offset + length == bytes.count
            output.append(final ? 1 : 0)
            output.appendLE16(length)
            output.appendLE16(~length & 0xFFFF)
            output += bytes[offset..<(offset + length)]
            offset += length
        } while offset < bytes.count
        output.appendLE32(CRC32.checksum(bytes))
        output.appendLE32(UInt32(truncatingIfNeeded: bytes.count))
        return output
    }
}
