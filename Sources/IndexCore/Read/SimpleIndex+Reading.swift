import PythonPackaging

extension SimpleIndex {
    /// The entries of JSON `projects` items exactly as ``appendJSON(_:to:)`` writes them, one
    /// after the other with a comma between (and before the first, when `leadingComma`), each
    /// normalized name the name's: how a server keeping the list as rendered bytes reads a part of
    /// it back. `nil` for anything else (no general JSON is parsed here).
    public static func entries(fromJSONItems bytes: [UInt8], leadingComma: Bool) -> [Entry]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ItemReader(bytes: buffer)
            var entries: [Entry] = []
            while reader.position < buffer.count {
                if !entries.isEmpty || leadingComma {
                    guard reader.skip(",") else { return nil }
                }
                guard reader.skip(#"{"name":"#), let name = reader.string(), reader.skip(#","_last-serial":"#),
                    let serial = reader.integer(), reader.skip("}")
                else { return nil }
                entries.append(Entry(name: name, normalizedName: ProjectName.normalize(name), lastSerial: serial))
            }
            return entries
        }
    }

    /// A cursor over rendered JSON items.
    private struct ItemReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        /// Moves past `literal` if the bytes go on with it.
        mutating func skip(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let start = literal.utf8Start
            for offset in 0..<count where bytes[position + offset] != start[offset] { return false }
            position += count
            return true
        }

        /// A non-negative decimal integer.
        mutating func integer() -> Int64? {
            var value: Int64 = 0
            let start = position
            while position < bytes.count, (48...57).contains(bytes[position]), position - start < 18 {
                value = value * 10 + Int64(bytes[position] - 48)
                position += 1
            }
            return position > start ? value : nil
        }

        /// A JSON string with the escapes ``JSONValue`` writes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`,
        /// `\f` and `\uXXXX`, surrogate pairs included).
        mutating func string() -> String? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            var units: [UInt16] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: units, as: UTF16.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { return nil }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): units.append(UInt16(escape))
                    case UInt8(ascii: "n"): units.append(0x0A)
                    case UInt8(ascii: "r"): units.append(0x0D)
                    case UInt8(ascii: "t"): units.append(0x09)
                    case UInt8(ascii: "b"): units.append(0x08)
                    case UInt8(ascii: "f"): units.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let unit = hex4() else { return nil }
                        units.append(unit)
                    default: return nil
                    }
                case 0x20..<0x7F:
                    units.append(UInt16(byte))
                default:
                    // JSONValue escapes everything else.
                    return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt16? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case 48...57: digit = byte - 48
                case 97...102: digit = byte - 87
                case 65...70: digit = byte - 55
                default: return nil
                }
                value = value << 4 | UInt16(digit)
                position += 1
            }
            return value
        }
    }
}
