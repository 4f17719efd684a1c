/// The context-sensitive tokenizer of packaging's dependency specifier parser (PEP 508), on
/// Unicode scalars so that error positions count characters as Python does.
struct DependencyScanner {
    let source: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        source = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { position == source.count }

    func scalar(at index: Int) -> Unicode.Scalar? {
        index >= 0 && index < source.count ? source[index] : nil
    }

    /// A syntax error at `start..<end` (both default to the current position).
    func error(_ message: String, from start: Int? = nil, to end: Int? = nil)
        -> DependencySyntaxError
    {
        DependencySyntaxError(
            message: message, source: String(String.UnicodeScalarView(source)),
            start: start ?? position, end: end ?? position)
    }

    /// The text of `range`.
    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(source[range]))
    }

    /// Consumes `[ \t]+` if present.
    mutating func skipWhitespace() {
        while let next = scalar(at: position), next == " " || next == "\t" {
            position += 1
        }
    }

    /// Consumes the single character `character` if it is next.
    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard scalar(at: position) == character else { return false }
        position += 1
        return true
    }

    /// Whether `literal` comes next (without consuming it).
    func sees(_ literal: String, at start: Int? = nil) -> Bool {
        var index = start ?? position
        for expected in literal.unicodeScalars {
            guard scalar(at: index) == expected else { return false }
            index += 1
        }
        return true
    }

    /// Consumes the first of `words` that is next and bounded by `\b` on both sides.
    mutating func consumeWord(_ words: [String]) -> String? {
        guard isBoundary(at: position) else { return nil }
        for word in words where sees(word) {
            let end = position + word.unicodeScalars.count
            if isBoundary(at: end) {
                position = end
                return word
            }
        }
        return nil
    }

    /// Python's `\b`: a word character on exactly one side of `index`.
    func isBoundary(at index: Int) -> Bool {
        Self.isWord(scalar(at: index - 1)) != Self.isWord(scalar(at: index))
    }

    /// Python's `\w` for `str` patterns: letters, digits and numbers of any script, and `_`.
    static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar == "_" {
            return true
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, the longest such name ending at a word boundary.
    mutating func consumeIdentifier() -> String? {
        guard let first = scalar(at: position), Self.isNameCharacter(first),
            isBoundary(at: position)
        else { return nil }
        var end = position + 1
        while let next = scalar(at: end),
            Self.isNameCharacter(next) || next == "." || next == "-" || next == "_"
        {
            end += 1
        }
        while end > position && !isBoundary(at: end) {
            end -= 1
        }
        guard end > position else { return nil }
        defer { position = end }
        return text(position..<end)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// `'[^']*'` or `"[^"]*"`: the raw token including its quotes.
    mutating func consumeQuotedString() -> String? {
        guard let quote = scalar(at: position), quote == "'" || quote == "\"" else { return nil }
        var end = position + 1
        while let next = scalar(at: end), next != quote {
            end += 1
        }
        guard end < source.count else { return nil }
        defer { position = end + 1 }
        return text(position..<(end + 1))
    }

    /// `[^ \t]+`
    mutating func consumeURL() -> String? {
        let start = position
        while let next = scalar(at: position), next != " " && next != "\t" {
            position += 1
        }
        return position > start ? text(start..<position) : nil
    }
}

/// packaging's `ParserSyntaxError`: a message, the source, and a `~~~^` marker under the span.
struct DependencySyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    let message: String
    let source: String
    let start: Int
    let end: Int

    var description: String {
        let marker =
            String(repeating: " ", count: start)
            + String(repeating: "~", count: max(0, end - start)) + "^"
        return "\(message)\n    \(source)\n    \(marker)"
    }
}
