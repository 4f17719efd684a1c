/// Decodes character references (`&amp;`, `&#x61;`, `&#97;`) as the HTML Living Standard does,
/// with the named references READMEs use. An unknown name stays literal text, which the
/// sanitizer then escapes, so a missing entry can change how text looks but never what it does.
enum HTMLCharacterReference {
    /// Decodes the reference after an `&` at `position`, moving `position` past it; returns `nil`
    /// and leaves `position` alone when there is none. In attribute values a legacy reference
    /// without `;` followed by a letter, digit or `=` is not decoded, as in the standard.
    static func decode(_ input: [Unicode.Scalar], at position: inout Int, inAttribute: Bool) -> [Unicode.Scalar]? {
        guard position < input.count else { return nil }
        if input[position] == "#" {
            return numeric(input, at: &position)
        }
        var end = position
        while end < input.count, end - position < 32, isASCIIAlphanumeric(input[end]) { end += 1 }
        guard end > position else { return nil }
        let name = String(String.UnicodeScalarView(input[position..<end]))
        if end < input.count, input[end] == ";", let decoded = HTMLNamedCharacters.table[name] {
            position = end + 1
            return Array(decoded.unicodeScalars)
        }
        var prefixEnd = end
        while prefixEnd > position {
            let prefix = String(String.UnicodeScalarView(input[position..<prefixEnd]))
            if HTMLNamedCharacters.legacy.contains(prefix), let decoded = HTMLNamedCharacters.table[prefix] {
                if inAttribute, prefixEnd < input.count,
                    isASCIIAlphanumeric(input[prefixEnd]) || input[prefixEnd] == "="
                {
                    return nil
                }
                position = prefixEnd
                return Array(decoded.unicodeScalars)
            }
            prefixEnd -= 1
        }
        return nil
    }

    private static func numeric(_ input: [Unicode.Scalar], at position: inout Int) -> [Unicode.Scalar]? {
        var index = position + 1
        var radix: UInt32 = 10
        if index < input.count, input[index] == "x" || input[index] == "X" {
            radix = 16
            index += 1
        }
        var value: UInt32 = 0
        var digits = 0
        while index < input.count, let digit = digitValue(input[index], radix: radix) {
            value = min(value &* radix &+ digit, 0x11_0000)
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < input.count, input[index] == ";" { index += 1 }
        position = index
        return [scalar(forCodePoint: value)]
    }

    /// The standard's replacements: NUL, surrogates and out-of-range values become U+FFFD and
    /// C1 controls map through Windows-1252.
    private static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if value == 0 || value > 0x10_FFFF { return replacement }
        if (0x80...0x9F).contains(value) {
            let mapped = windows1252[Int(value - 0x80)]
            return Unicode.Scalar(mapped) ?? replacement
        }
        return Unicode.Scalar(value) ?? replacement
    }

    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f" where radix == 16: return scalar.value - 87
        case "A"..."F" where radix == 16: return scalar.value - 55
        default: return nil
        }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
