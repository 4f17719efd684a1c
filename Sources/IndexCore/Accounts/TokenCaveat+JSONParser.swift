/// A small strict JSON reader for caveats: integers (no fractions or exponents, as pydantic's
/// StrictInt), strings, arrays, objects, `true`/`false`/`null`; nesting at most 8 deep;
/// `nil` for anything else, including trailing text.
enum CaveatJSONParser {
    static let maximumDepth = 8

    static func parse(_ text: String) -> JSONValue? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.offset == parser.bytes.count ? value : nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth <= CaveatJSONParser.maximumDepth else { return nil }
            skipSpace()
            guard offset < bytes.count else { return nil }
            switch bytes[offset] {
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return integer()
            }
        }

        mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
            let expected = Array(word.utf8)
            guard bytes.count - offset >= expected.count, Array(bytes[offset..<offset + expected.count]) == expected
            else { return nil }
            offset += expected.count
            return value
        }

        mutating func integer() -> JSONValue? {
            let start = offset
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            let digitsStart = offset
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
            let digits = offset - digitsStart
            guard digits > 0, digits == 1 || bytes[digitsStart] != 0x30 else { return nil }
            if offset < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[offset]) {
                return nil
            }
            return Int64(String(decoding: bytes[start..<offset], as: UTF8.self)).map { .int($0) }
        }

        mutating func array(depth: Int) -> JSONValue? {
            offset += 1
            var items: [JSONValue] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(items)
            }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard offset < bytes.count else { return nil }
                let byte = bytes[offset]
                offset += 1
                if byte == UInt8(ascii: "]") { return .array(items) }
                guard byte == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func object(depth: Int) -> JSONValue? {
            offset += 1
            var members: [JSONMember] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
                offset += 1
                guard let item = value(depth: depth + 1) else { return nil }
                members.append(JSONMember(key, item))
                skipSpace()
                guard offset < bytes.count else { return nil }
                let byte = bytes[offset]
                offset += 1
                if byte == UInt8(ascii: "}") { return .object(members) }
                guard byte == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func string() -> String? {
            offset += 1
            var units: [UInt16] = []
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: units, as: UTF16.self)
                case UInt8(ascii: "\\"):
                    guard offset < bytes.count else { return nil }
                    let escape = bytes[offset]
                    offset += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): units.append(UInt16(escape))
                    case UInt8(ascii: "b"): units.append(0x08)
                    case UInt8(ascii: "f"): units.append(0x0C)
                    case UInt8(ascii: "n"): units.append(0x0A)
                    case UInt8(ascii: "r"): units.append(0x0D)
                    case UInt8(ascii: "t"): units.append(0x09)
                    case UInt8(ascii: "u"):
                        guard bytes.count - offset >= 4,
                            bytes[offset..<offset + 4].allSatisfy({
                                $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit
                            }),
                            let unit = UInt16(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
                        else { return nil }
                        offset += 4
                        units.append(unit)
                    default: return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    let start = offset - 1
                    var end = offset
                    while end < bytes.count, bytes[end] >= 0x80 { end += 1 }
                    guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { return nil }
                    units.append(contentsOf: text.utf16)
                    offset = end
                }
            }
            return nil
        }
    }
}
