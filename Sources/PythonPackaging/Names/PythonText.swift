/// Python `str` behaviour that names and filenames depend on, so messages and normalized
/// forms match CPython (as used by `packaging` and Warehouse) character for character.
/// (`repr()` is `PythonRepr.quote`.)
enum PythonText {
    /// `str.lower()`: full Unicode lowercase mapping, including the final-sigma rule.
    static func lower(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map(asciiLower), as: UTF8.self)
        }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar == "\u{3A3}" {
                result.append(isFinalSigma(scalars, at: index) ? "\u{3C2}" : "\u{3C3}")
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(result)
    }

    /// ASCII-only lowercase of one byte.
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
    }

    /// CPython's `handle_capital_sigma`: a capital sigma preceded by a cased letter and not
    /// followed by one (skipping case-ignorable characters) lowercases to final sigma.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }

    /// A character of the regular-expression class `\w` for `str` patterns: alphanumeric in
    /// the sense of `str.isalnum()` (letters and characters with a numeric type), or `_`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return byte == UInt8(ascii: "_") || isASCIIAlphanumeric(byte)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// A character of the regular-expression class `\d` for `str` patterns (category Nd).
    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    /// `[A-Za-z0-9]` on one byte.
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}

extension PythonText {
    /// `str.split(separator, maxsplit)` for an ASCII separator, on code points (Swift's
    /// `String.split` works on grapheme clusters, which can swallow a separator).
    static func split(_ text: String, on separator: UInt8, maxSplits: Int = Int.max) -> [String] {
        text.utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// `str.endswith(suffix)`, on code points.
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        text.utf8.count >= suffix.utf8.count && text.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    /// `text[:-count]` for a suffix of `count` ASCII bytes.
    static func dropSuffix(_ text: String, byteCount: Int) -> String {
        String(decoding: text.utf8.dropLast(byteCount), as: UTF8.self)
    }
}

extension PythonText {
    /// `text.replace("-", "_")`: the escaped name of wheel and sdist filenames (PEP 427, 625).
    static func underscored(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}

extension PythonText {
    /// Python's `==` on `str`: code points equal (Swift's `==` also equates canonically
    /// equivalent strings such as a precomposed and a decomposed `é`).
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }
}
