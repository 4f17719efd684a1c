/// The address that Python 3.13's `email.utils.parseaddr(value)` (strict) returns, which
/// Warehouse checks: a port of `email._parseaddr.AddrlistClass` that keeps only the addresses
/// (display names and comments are skipped, not collected), and of the strict mode's checks.
struct EmailAddressParser {
    private let field: [Unicode.Scalar]
    private var pos = 0

    /// The single address in `value`, or `nil` when `parseaddr` yields `('', '')` or an empty
    /// address: unbalanced parentheses outside quotes, no address, several addresses, or an
    /// address holding `[` (a domain literal that did not parse).
    static func address(in value: String) -> String? {
        guard parenthesesBalance(outsideQuotes(Array(value.unicodeScalars))) else { return nil }
        var parser = EmailAddressParser(field: Array(value.unicodeScalars))
        let addresses = parser.addressList()
        guard addresses.count == 1, let address = addresses.first, !address.isEmpty,
            !address.unicodeScalars.contains("[")
        else { return nil }
        return address
    }

    private init(field: [Unicode.Scalar]) {
        self.field = field
    }

    private static let specials: Set<Unicode.Scalar> = ["(", ")", "<", ">", "@", ",", ":", ";", ".", "\"", "[", "]"]
    private static let atomEnds: Set<Unicode.Scalar> = specials.union([" ", "\t", "\r", "\n"])
    private static let phraseEnds: Set<Unicode.Scalar> = atomEnds.subtracting(["."])
    /// Python runs out of stack (`RecursionError`) on groups nested about 1,000 deep; deeper
    /// than this, the rest of the value is ignored.
    private static let maximumGroupDepth = 900

    private var current: Unicode.Scalar? { pos < field.count ? field[pos] : nil }

    /// `getaddrlist`: an empty entry for each piece that holds no address.
    private mutating func addressList() -> [String] {
        var result: [String] = []
        while pos < field.count {
            let addresses = address(depth: 0)
            result += addresses.isEmpty ? [""] : addresses
        }
        return result
    }

    /// `gotonext`: skips white space and comments, returning the spaces and tabs skipped.
    @discardableResult
    private mutating func skipWhitespaceAndComments() -> String {
        var skipped = ""
        while let scalar = current {
            if scalar == " " || scalar == "\t" {
                skipped.unicodeScalars.append(scalar)
                pos += 1
            } else if scalar == "\r" || scalar == "\n" {
                pos += 1
            } else if scalar == "(" {
                skipComment()
            } else {
                break
            }
        }
        return skipped
    }

    /// `getaddress`.
    private mutating func address(depth: Int) -> [String] {
        skipWhitespaceAndComments()
        let start = pos
        let phrase = phraseList()
        skipWhitespaceAndComments()
        var result: [String] = []
        if let scalar = current {
            if scalar == "." || scalar == "@" {
                pos = start
                result = [addrSpec()]
            } else if scalar == ":" {
                pos += 1
                while pos < field.count, depth < Self.maximumGroupDepth {
                    skipWhitespaceAndComments()
                    if current == ";" {
                        pos += 1
                        break
                    }
                    result += address(depth: depth + 1)
                }
                if depth >= Self.maximumGroupDepth { pos = field.count }
            } else if scalar == "<" {
                result = [routeAddr()]
            } else if let first = phrase.first {
                result = [first]
            } else if Self.specials.contains(scalar) {
                pos += 1
            }
        } else if let first = phrase.first {
            result = [first]
        }
        skipWhitespaceAndComments()
        if current == "," { pos += 1 }
        return result
    }

    /// `getrouteaddr`: skips a source route and returns the address inside `<...>`.
    private mutating func routeAddr() -> String {
        pos += 1
        skipWhitespaceAndComments()
        var expectRoute = false
        var address = ""
        while let scalar = current {
            if expectRoute {
                _ = domain()
                expectRoute = false
            } else if scalar == ">" {
                pos += 1
                break
            } else if scalar == "@" {
                pos += 1
                expectRoute = true
            } else if scalar == ":" {
                pos += 1
            } else {
                address = addrSpec()
                pos += 1
                break
            }
            skipWhitespaceAndComments()
        }
        return address
    }

    /// `getaddrspec`: local part, `@`, domain; white space inside the local part is kept.
    private mutating func addrSpec() -> String {
        var parts: [String] = []
        skipWhitespaceAndComments()
        while let scalar = current {
            var preserveWhitespace = true
            if scalar == "." {
                if let last = parts.last, PythonWhitespace.trimmed(last).isEmpty { parts.removeLast() }
                parts.append(".")
                pos += 1
                preserveWhitespace = false
            } else if scalar == "\"" {
                parts.append("\"" + Self.quoted(delimited(ends: ["\"", "\r"])) + "\"")
            } else if Self.atomEnds.contains(scalar) {
                if let last = parts.last, PythonWhitespace.trimmed(last).isEmpty { parts.removeLast() }
                break
            } else {
                parts.append(atom(ends: Self.atomEnds))
            }
            let whitespace = skipWhitespaceAndComments()
            if preserveWhitespace && !whitespace.isEmpty { parts.append(whitespace) }
        }
        guard current == "@" else { return parts.joined() }
        pos += 1
        skipWhitespaceAndComments()
        let domain = domain()
        return domain.isEmpty ? "" : parts.joined() + "@" + domain
    }

    /// `getdomain`; empty when a second `@` follows.
    private mutating func domain() -> String {
        var parts: [String] = []
        while let scalar = current {
            if scalar == " " || scalar == "\t" {
                pos += 1
            } else if scalar == "(" {
                skipComment()
            } else if scalar == "[" {
                parts.append("[" + delimited(ends: ["]", "\r"]) + "]")
            } else if scalar == "." {
                pos += 1
                parts.append(".")
            } else if scalar == "@" {
                return ""
            } else if Self.atomEnds.contains(scalar) {
                break
            } else {
                parts.append(atom(ends: Self.atomEnds))
            }
        }
        return parts.joined()
    }

    /// `getdelimited` without comments: the text after the opening character up to an end
    /// character, backslash escapes resolved.
    private mutating func delimited(ends: Set<Unicode.Scalar>) -> String {
        var text = ""
        var escaped = false
        pos += 1
        while let scalar = current {
            pos += 1
            if escaped {
                text.unicodeScalars.append(scalar)
                escaped = false
            } else if ends.contains(scalar) {
                break
            } else if scalar == "\\" {
                escaped = true
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// `getcomment`, whose text is not needed: skips a comment and the comments nested in it.
    private mutating func skipComment() {
        var depth = 0
        var escaped = false
        while let scalar = current {
            pos += 1
            if escaped {
                escaped = false
            } else if scalar == ")" || scalar == "\r" {
                depth -= 1
                if depth == 0 { return }
            } else if scalar == "(" {
                depth += 1
            } else if scalar == "\\" {
                escaped = true
            }
        }
    }

    /// `getatom`.
    private mutating func atom(ends: Set<Unicode.Scalar>) -> String {
        var text = ""
        while let scalar = current, !ends.contains(scalar) {
            text.unicodeScalars.append(scalar)
            pos += 1
        }
        return text
    }

    /// `getphraselist`: the words of a display name.
    private mutating func phraseList() -> [String] {
        var words: [String] = []
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pos += 1
            } else if scalar == "\"" {
                words.append(delimited(ends: ["\"", "\r"]))
            } else if scalar == "(" {
                skipComment()
            } else if Self.phraseEnds.contains(scalar) {
                break
            } else {
                words.append(atom(ends: Self.phraseEnds))
            }
        }
        return words
    }

    /// `email._parseaddr.quote`.
    private static func quoted(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { result.unicodeScalars.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
