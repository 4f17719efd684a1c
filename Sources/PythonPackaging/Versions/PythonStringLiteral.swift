/// The value of a quoted marker string as Python's `ast.literal_eval` gives it: backslash
/// escapes decoded. `nil` where Python raises instead (an unterminated string, a bad `\x`/`\u`
/// escape, a line break or NUL), and for what Swift strings cannot hold (`\N{...}` names,
/// lone surrogates).
enum PythonStringLiteral {
    static func decode(_ literal: String) -> String? {
        let scalars = Array(literal.unicodeScalars.dropFirst().dropLast())
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\n" || scalar == "\r" || scalar == "\0" {
                return nil
            }
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard index < scalars.count else { return nil }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "\n": break
            case "\\", "'", "\"": result.append(escape)
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            case "0"..."7":
                var value = escape.value - 0x30
                var digits = 1
                while digits < 3, index < scalars.count, ("0"..."7").contains(scalars[index]) {
                    value = value * 8 + scalars[index].value - 0x30
                    index += 1
                    digits += 1
                }
                guard let decoded = Unicode.Scalar(value) else { return nil }
                result.append(decoded)
            case "x", "u", "U":
                let width = escape == "x" ? 2 : escape == "u" ? 4 : 8
                guard index + width <= scalars.count,
                    scalars[index..<(index + width)].allSatisfy({ $0.properties.isASCIIHexDigit }),
                    let value = UInt32(
                        String(String.UnicodeScalarView(scalars[index..<(index + width)])),
                        radix: 16),
                    let decoded = Unicode.Scalar(value)
                else { return nil }
                index += width
                result.append(decoded)
            case "N":
                return nil
            default:
                result.append("\\")
                result.append(escape)
            }
        }
        return String(result)
    }
}
