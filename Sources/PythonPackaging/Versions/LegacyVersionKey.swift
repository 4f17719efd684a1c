/// The sort key of a version string that is not valid PEP 440: packaging's historical
/// `LegacyVersion._key` (packaging before 22, kept in the `packaging-legacy` project that
/// Warehouse orders releases with), itself setuptools' `parse_version` scheme before PEP 440.
///
/// The string is lowercased and split into runs of digits, runs of ASCII letters, `.`, `-` and
/// runs of anything else. Numbers are zero-padded to eight characters, words are prefixed with
/// `*` (`pre`, `preview`, `rc` become `*c`, `dev` becomes `*@`, `-` becomes `*final-`), and
/// `*final` closes the key so that pre-release words sort before the final release.
struct LegacyVersionKey: Hashable, Sendable, Comparable {
    /// The parts, compared as Python compares strings: by code point (UTF-8 byte order).
    let parts: [String]

    init(_ version: String) {
        var parts: [String] = []
        for token in Self.tokens(of: PythonText.lower(version)) {
            let part = Self.spelled(token)
            if part.hasPrefix("*") {
                if Self.precedes(part, "*final") {
                    while parts.last == "*final-" {
                        parts.removeLast()
                    }
                }
                while parts.last == "00000000" {
                    parts.removeLast()
                }
            }
            parts.append(part)
        }
        self.parts = parts
    }

    /// Equal when every part has the same code points (not merely canonically equivalent).
    static func == (lhs: LegacyVersionKey, rhs: LegacyVersionKey) -> Bool {
        lhs.parts.elementsEqual(rhs.parts) { $0.utf8.elementsEqual($1.utf8) }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(parts.count)
        for part in parts {
            hasher.combine(part.utf8.count)
            for byte in part.utf8 {
                hasher.combine(byte)
            }
        }
    }

    static func < (lhs: LegacyVersionKey, rhs: LegacyVersionKey) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts, by: precedes)
    }

    /// Python's `str` ordering: by code point, which is UTF-8 byte order.
    private static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// A token as `_parse_version_parts` yields it; `.` tokens were already dropped.
    private static func spelled(_ token: Substring) -> String {
        switch token {
        case "pre", "preview", "rc":
            return "*c"
        case "dev":
            return "*@"
        case "-":
            return "*final-"
        default:
            guard let first = token.unicodeScalars.first, ("0"..."9").contains(first) else {
                return "*" + token
            }
            let padding = max(0, 8 - token.unicodeScalars.count)
            return String(repeating: "0", count: padding) + token
        }
    }

    /// The pieces of `re.split(r"(\d+|[a-z]+|\.|-)", text)` that are kept: digit runs (any
    /// Unicode decimal digit), ASCII lowercase runs, `-`, and runs of other characters, followed
    /// by the closing `final` word. `.` and empty pieces are left out.
    private static func tokens(of text: String) -> [Substring] {
        var tokens: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let kind = TokenKind(scalars[start])
            var end = scalars.index(after: start)
            if kind.isRun {
                while end < scalars.endIndex && TokenKind(scalars[end]) == kind {
                    end = scalars.index(after: end)
                }
            }
            if kind != .dot {
                tokens.append(Substring(scalars[start..<end]))
            }
            start = end
        }
        tokens.append("final")
        return tokens
    }

    private enum TokenKind {
        case digit, letter, dot, dash, other

        init(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "a"..."z": self = .letter
            case ".": self = .dot
            case "-": self = .dash
            default: self = scalar.properties.generalCategory == .decimalNumber ? .digit : .other
            }
        }

        var isRun: Bool { self != .dot && self != .dash }
    }
}
