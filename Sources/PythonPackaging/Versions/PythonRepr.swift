/// Python's `repr()` of a `str`, which packaging uses to quote input in its error messages
/// (`Invalid version: '1.0+'`).
enum PythonRepr {
    /// Quotes `text` as CPython's `unicode_repr` does: single quotes unless the text contains a
    /// single quote and no double quote; backslash escapes for the quote, backslash, tab, newline
    /// and carriage return; `\x`, `\u` or `\U` escapes for control and unprintable characters.
    static func quote(_ text: String) -> String {
        let hasSingle = text.utf8.contains(UInt8(ascii: "'"))
        let hasDouble = text.utf8.contains(UInt8(ascii: "\""))
        let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                result.append("\\")
                result.unicodeScalars.append(scalar)
            case "\t":
                result += "\\t"
            case "\n":
                result += "\\n"
            case "\r":
                result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += hexEscape(scalar.value, prefix: "\\x", width: 2)
                } else if scalar.isASCII || isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += hexEscape(scalar.value, prefix: "\\x", width: 2)
                } else if scalar.value <= 0xFFFF {
                    result += hexEscape(scalar.value, prefix: "\\u", width: 4)
                } else {
                    result += hexEscape(scalar.value, prefix: "\\U", width: 8)
                }
            }
        }
        result.unicodeScalars.append(quote)
        return result
    }

    /// Python's `str.isprintable()` for one non-ASCII character: everything except the "Other"
    /// and "Separator" general categories.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
            .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func hexEscape(_ value: UInt32, prefix: String, width: Int) -> String {
        let digits = String(value, radix: 16)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
