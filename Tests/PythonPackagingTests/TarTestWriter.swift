import CZlib

/// Builds tar archives byte by byte for tests, including ones no honest tool would write.
struct TarTestWriter {
    /// The magic and version fields of a header.
    enum Magic {
        case posix, gnu, v7
    }

    private(set) var bytes: [UInt8] = []

    /// Appends one header block. `sizeField` replaces the octal size; `checksumDelta` spoils the
    /// checksum.
    mutating func header(
        name: [UInt8], type: UInt8 = UInt8(ascii: "0"), size: Int = 0, sizeField: [UInt8]? = nil,
        prefix: [UInt8] = [], magic: Magic = .posix, checksumDelta: Int = 0, signedChecksum: Bool = false
    ) {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ field: [UInt8], at offset: Int, max: Int) {
            for (index, byte) in field.prefix(max).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0, max: 100)
        put(octal(0o644, width: 8), at: 100, max: 8)
        put(octal(0, width: 8), at: 108, max: 8)
        put(octal(0, width: 8), at: 116, max: 8)
        put(sizeField ?? octal(size, width: 12), at: 124, max: 12)
        put(octal(0, width: 12), at: 136, max: 12)
        block[156] = type
        switch magic {
        case .posix: put(Array("ustar\u{0}00".utf8), at: 257, max: 8)
        case .gnu: put(Array("ustar  \u{0}".utf8), at: 257, max: 8)
        case .v7: break
        }
        put(prefix, at: 345, max: 155)
        put(Array("        ".utf8), at: 148, max: 8)
        var sum = block.reduce(0) { $0 + (signedChecksum ? Int(Int8(bitPattern: $1)) : Int($1)) }
        sum += checksumDelta
        put(Array(String(sum, radix: 8).utf8) + [0], at: 148, max: 7)
        bytes += block
    }

    /// Appends data padded to a whole block.
    mutating func data(_ contents: [UInt8]) {
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    mutating func file(_ name: String, _ contents: [UInt8] = [], magic: Magic = .posix) {
        header(name: Array(name.utf8), size: contents.count, magic: magic)
        data(contents)
    }

    mutating func directory(_ name: String) {
        header(name: Array(name.utf8), type: UInt8(ascii: "5"))
    }

    /// Appends a pax extended (`x`) or global (`g`) header with `records`.
    mutating func pax(_ records: [(String, String)], type: UInt8 = UInt8(ascii: "x")) {
        paxRaw(records.flatMap { Self.paxRecord($0.0, Array($0.1.utf8)) }, type: type)
    }

    /// Appends a pax header whose body is `body`, well-formed or not.
    mutating func paxRaw(_ body: [UInt8], type: UInt8 = UInt8(ascii: "x")) {
        header(name: Array("PaxHeader".utf8), type: type, size: body.count)
        data(body)
    }

    /// One `"<length> key=value\n"` pax record.
    static func paxRecord(_ key: String, _ value: [UInt8]) -> [UInt8] {
        let payload = 3 + key.utf8.count + value.count
        var length = payload + 1
        while String(length).utf8.count + payload != length { length += 1 }
        return Array("\(length) \(key)=".utf8) + value + [0x0a]
    }

    /// Appends a GNU long-name (`L`) header with `name`.
    mutating func longName(_ name: String, type: UInt8 = UInt8(ascii: "L")) {
        let body = Array(name.utf8) + [0]
        header(name: Array("././@LongLink".utf8), type: type, size: body.count, magic: .gnu)
        data(body)
    }

    /// Appends the end-of-archive marker and pads to a 10,240-byte record, as tar and tarfile do.
    mutating func end(zeroBlocks: Int = 2, padToRecord: Bool = true) {
        bytes += [UInt8](repeating: 0, count: 512 * zeroBlocks)
        if padToRecord {
            bytes += [UInt8](repeating: 0, count: (10240 - bytes.count % 10240) % 10240)
        }
    }

    mutating func append(_ raw: [UInt8]) {
        bytes += raw
    }

    /// The archive compressed as one gzip member.
    func gzip() -> [UInt8] {
        TarTestGzip.compress(bytes)
    }
}
