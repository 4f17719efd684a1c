/// Parses reStructuredText inline markup following the docutils recognition rules: start-strings
/// follow whitespace or opening punctuation and precede non-whitespace; end-strings mirror that.
struct RSTInlineParser: Sendable {
    static let startPrefixes: Set<Character> = [
        "-", ":", "/", "'", "\"", "<", "(", "[", "{", "\u{2018}", "\u{201C}", "\u{00AB}", "\u{2013}", "\u{2014}",
    ]
    static let endSuffixes: Set<Character> = [
        "-", ".", ",", ":", ";", "!", "?", "\\", "/", "'", "\"", ")", "]", "}", ">", "\u{2019}", "\u{201D}",
        "\u{00BB}", "\u{2013}", "\u{2014}",
    ]
    static let closers: [Character: Character] = ["'": "'", "\"": "\"", "<": ">", "(": ")", "[": "]", "{": "}"]

    let chars: [Character]
    let line: Int
    var anonymousCount: Int
    var autoFootnoteCount: Int
    /// Targets defined inline: `text <uri>`_ and _`inline targets`.
    var definedTargets: [(name: String, value: RSTParser.TargetValue)] = []
    var position = 0
    var result: [RSTInline] = []
    var buffer = ""

    init(text: String, line: Int, anonymousCount: Int, autoFootnoteCount: Int) {
        chars = Array(text)
        self.line = line
        self.anonymousCount = anonymousCount
        self.autoFootnoteCount = autoFootnoteCount
    }

    mutating func parse() throws(ReadmeRenderError) -> [RSTInline] {
        while position < chars.count {
            let character = chars[position]
            if character == "\\" {
                if position + 1 < chars.count, !chars[position + 1].isWhitespace { buffer.append(chars[position + 1]) }
                position += 2
                continue
            }
            if try !parseMarkup(character) {
                buffer.append(character)
                position += 1
            }
        }
        flush()
        return result
    }

    /// Tries the construct starting with `character` at `position`; false if there is none.
    mutating func parseMarkup(_ character: Character) throws(ReadmeRenderError) -> Bool {
        switch character {
        case "*":
            if next(1) == "*" { return try parseSimple("**", name: "strong") { .strong($0) } }
            return try parseSimple("*", name: "emphasis") { .emphasis($0) }
        case "`":
            if next(1) == "`" { return try parseLiteral() }
            return try parseInterpreted(role: nil, at: position)
        case ":":
            return try parseRolePrefix()
        case "|":
            return try parseSubstitution()
        case "[":
            return parseFootnoteReference()
        case "_":
            if next(1) == "`" { return try parseInlineTarget() }
            return false
        default:
            guard isBoundary(position) else { return false }
            if parseStandaloneURI() || parseEmail() { return true }
            return parseSimpleReference()
        }
    }

    func next(_ offset: Int) -> Character? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    /// True at the start of the text or after whitespace or an allowed opening punctuation mark.
    func isBoundary(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = chars[index - 1]
        return previous.isWhitespace || Self.startPrefixes.contains(previous)
    }

    /// Whether a start-string of `length` characters may begin at `index`.
    func canStart(_ index: Int, length: Int) -> Bool {
        guard isBoundary(index), index + length < chars.count, !chars[index + length].isWhitespace else {
            return false
        }
        if index > 0, let closer = Self.closers[chars[index - 1]], chars[index + length] == closer { return false }
        return true
    }

    /// Whether an end-string ending just before `index` may end there.
    func canEnd(_ index: Int) -> Bool {
        index >= chars.count || chars[index].isWhitespace || Self.endSuffixes.contains(chars[index])
    }

    func isEscaped(_ index: Int) -> Bool {
        var count = 0
        var cursor = index - 1
        while cursor >= 0, chars[cursor] == "\\" {
            count += 1
            cursor -= 1
        }
        return count % 2 == 1
    }

    /// Finds `end` after `from`, preceded by non-whitespace, not escaped, followed by an end suffix.
    func findEnd(_ end: String, from: Int, escapes: Bool = true, suffixCheck: Bool = true) -> Int? {
        let endChars = Array(end)
        var index = from
        while index + endChars.count <= chars.count {
            if Array(chars[index..<(index + endChars.count)]) == endChars, !chars[index - 1].isWhitespace,
                !escapes || !isEscaped(index), !suffixCheck || canEnd(index + endChars.count)
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The source line of `index` within a multi-line paragraph.
    func lineNumber(_ index: Int) -> Int {
        line + chars[..<min(index, chars.count)].filter { $0 == "\n" }.count
    }

    func unterminated(_ construct: String) -> ReadmeRenderError {
        .rst(lineNumber(position), .warning, "Inline \(construct) start-string without end-string.")
    }

    mutating func flush() {
        if !buffer.isEmpty { result.append(.text(buffer)) }
        buffer = ""
    }

    mutating func emit(_ node: RSTInline, resumeAt index: Int) {
        flush()
        result.append(node)
        position = index
    }

    /// Text between two indices with backslash escapes removed.
    func text(_ from: Int, _ to: Int) -> String {
        RSTParser.unescape(String(chars[from..<to]))
    }

    mutating func parseSimple(_ start: String, name: String, _ make: (String) -> RSTInline) throws(ReadmeRenderError)
        -> Bool
    {
        guard canStart(position, length: start.count) else { return false }
        guard let end = findEnd(start, from: position + start.count + 1) else { throw unterminated(name) }
        emit(make(text(position + start.count, end)), resumeAt: end + start.count)
        return true
    }

    mutating func parseLiteral() throws(ReadmeRenderError) -> Bool {
        guard canStart(position, length: 2) else { return false }
        guard let end = findEnd("``", from: position + 3, escapes: false) else { throw unterminated("literal") }
        emit(.literal(String(chars[(position + 2)..<end])), resumeAt: end + 2)
        return true
    }
}
