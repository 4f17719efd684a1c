/// The checks `parseaddr(strict=True)` makes before parsing (`email.utils._check_parenthesis`).
extension EmailAddressParser {
    /// `_strip_quoted_realnames`: the value without its quoted strings (an unclosed quote and
    /// what follows it are kept).
    static func outsideQuotes(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("\"") else { return scalars }
        var result: [Unicode.Scalar] = []
        var start = 0
        var open: Int?
        for (index, scalar) in unescaped(scalars) where scalar == "\"" {
            if let openIndex = open {
                result += scalars[start..<openIndex]
                start = index + 1
                open = nil
            } else {
                open = index
            }
        }
        if start < scalars.count { result += scalars[start...] }
        return result
    }

    /// Whether every `)` closes an earlier `(` and none stays open, ignoring escaped ones.
    static func parenthesesBalance(_ scalars: [Unicode.Scalar]) -> Bool {
        var open = 0
        for (_, scalar) in unescaped(scalars) {
            if scalar == "(" {
                open += 1
            } else if scalar == ")" {
                open -= 1
                if open < 0 { return false }
            }
        }
        return open == 0
    }

    /// `_iter_escaped_chars`, keeping only the characters not preceded by a backslash (an
    /// escaped pair is reported as a backslash, which matches neither quote nor parenthesis).
    private static func unescaped(_ scalars: [Unicode.Scalar]) -> [(Int, Unicode.Scalar)] {
        var result: [(Int, Unicode.Scalar)] = []
        var escape = false
        for (index, scalar) in scalars.enumerated() {
            if escape {
                escape = false
            } else if scalar == "\\" {
                escape = true
            } else {
                result.append((index, scalar))
            }
        }
        return result
    }
}
