/// Python's `repr()` of a `str`, used in `packaging`'s and Warehouse's messages (`'1.0+x'`).
///
/// Single quotes unless the text holds a single quote and no double quote; backslash, the
/// quote, `\t`, `\n`, `\r` escaped; other characters that Python does not print (controls,
/// format characters, separators other than the ASCII space, surrogates, private use and
/// unassigned code points) as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
func pythonRepr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var result = String(quote)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\t": result += "\\t"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        default:
            if Character(scalar) == quote {
                result += "\\" + String(quote)
            } else if isPythonPrintable(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += pythonEscape(scalar.value)
            }
        }
    }
    result.append(quote)
    return result
}

/// Python's `repr()` of a `list` of `str`: `['a', 'b']`.
func pythonRepr(_ list: [String]) -> String {
    "[" + list.map(pythonRepr).joined(separator: ", ") + "]"
}

/// `str.isprintable` for one code point.
private func isPythonPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator,
        .lineSeparator, .paragraphSeparator:
        return false
    default:
        return true
    }
}

private func pythonEscape(_ value: UInt32) -> String {
    let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
    let digits = String(value, radix: 16)
    return prefix + String(repeating: "0", count: width - digits.count) + digits
}
