/// A position in JSON text, read forward without building a tree.
struct JSONCursor {
    /// The text is not JSON (or ends too soon).
    struct Malformed: Error {}

    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// Reads an object, calling `member` with each key (its raw bytes) and the cursor at the
    /// key's value, which `member` must read or skip.
    mutating func readObject(
        _ member: (inout JSONCursor, ArraySlice<UInt8>) throws(Malformed) -> Void
    ) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let key = try rawString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            let separator = peek()
            index += 1
            if separator == UInt8(ascii: "}") { return }
            guard separator == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    /// Reads `{"name": ..., "version": ...}` into `name` and `version`; `false` (the value
    /// skipped) when the value is not an object.
    mutating func readNameAndVersion(name: inout String?, version: inout String?) throws(Malformed) -> Bool {
        guard peek() == UInt8(ascii: "{") else {
            try skipValue()
            return false
        }
        try readObject { cursor, key throws(Malformed) in
            if key.equalsASCII("name") {
                name = try cursor.readStringOrSkip()
            } else if key.equalsASCII("version") {
                version = try cursor.readStringOrSkip()
            } else {
                try cursor.skipValue()
            }
        }
        return true
    }

    /// A string value, or `nil` (the value skipped) for `null` and any other type.
    mutating func readStringOrSkip() throws(Malformed) -> String? {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return JSONCursor.unescaped(try rawString())
    }

    /// `true` or `false`, or `nil` (the value skipped) for `null` and any other type.
    mutating func readBoolOrSkip() throws(Malformed) -> Bool? {
        let rest = bytes[index...]
        if rest.hasASCIIPrefix("true") {
            index += 4
            return true
        }
        if rest.hasASCIIPrefix("false") {
            index += 5
            return false
        }
        try skipValue()
        return nil
    }

    /// Skips one value of any type, nested containers included (without recursion, so deep
    /// nesting cannot exhaust the stack). Inside containers the structure is checked loosely.
    mutating func skipValue() throws(Malformed) {
        var depth = 0
        repeat {
            skipWhitespace()
            guard let byte = peek() else { throw Malformed() }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { throw Malformed() }
                depth -= 1
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { throw Malformed() }
                index += 1
            case UInt8(ascii: "\""):
                _ = try rawString()
            default:
                let start = index
                while let next = peek(), !next.isASCIIWhitespace, !JSONCursor.delimiters.contains(next) {
                    index += 1
                }
                guard index > start else { throw Malformed() }
            }
        } while depth > 0
    }

    private static let delimiters: [UInt8] = Array(",:{}[]\"".utf8)

    private func peek() -> UInt8? {
        index < bytes.endIndex ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte.isASCIIWhitespace { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipWhitespace()
        guard peek() == byte else { throw Malformed() }
        index += 1
    }

    /// The bytes between a string's quotes, escapes left as they are.
    private mutating func rawString() throws(Malformed) -> ArraySlice<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        let start = index
        while let byte = peek() {
            if byte == UInt8(ascii: "\"") {
                index += 1
                return bytes[start..<index - 1]
            }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        throw Malformed()
    }

    /// A string's raw bytes with JSON's escapes (`\"`, `\\`, `\n`, `\u00e9`, surrogate pairs)
    /// decoded; a bad escape is kept as written and a lone surrogate becomes U+FFFD.
    static func unescaped(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return raw.decodedString }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hexValue(raw, at: index) else {
                    output.append(contentsOf: [UInt8(ascii: "\\"), escape])
                    continue
                }
                index += 4
                var scalar = Unicode.Scalar(unit)
                if (0xD800..<0xDC00).contains(unit), raw[index...].hasASCIIPrefix("\\u"),
                    let low = hexValue(raw, at: index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    index += 6
                }
                UTF8.encode(scalar ?? "\u{FFFD}") { output.append($0) }
            default: output.append(escape)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The four hexadecimal digits at `index`, or `nil`.
    private static func hexValue(_ raw: ArraySlice<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= raw.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in raw[index..<index + 4] {
            guard let digit = hexDigit(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The value of one hexadecimal digit, or `nil`.
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
