extension RSTInlineParser {
    /// Parses `` `text` ``, `` `text`_ ``, `` `text <uri>`__ `` and `` `text`:role: `` at `start`
    /// (a role prefix, if any, has already been read).
    mutating func parseInterpreted(role: String?, at start: Int) throws(ReadmeRenderError) -> Bool {
        guard canStart(start, length: 1) || (role != nil && start + 1 < chars.count && !chars[start + 1].isWhitespace)
        else { return false }
        var end = start + 2
        var found: Int?
        while end < chars.count {
            if chars[end] == "`", !chars[end - 1].isWhitespace, !isEscaped(end) {
                let after = end + 1
                if canEnd(after) || (after < chars.count && (chars[after] == "_" || chars[after] == ":")) {
                    found = end
                    break
                }
            }
            end += 1
        }
        guard let close = found else { throw unterminated("interpreted text or phrase reference") }
        let raw = String(chars[(start + 1)..<close])
        var after = close + 1
        if role == nil, after < chars.count, chars[after] == "_" {
            let anonymous = after + 1 < chars.count && chars[after + 1] == "_"
            after += anonymous ? 2 : 1
            guard canEnd(after) else { return false }
            emit(.reference(phraseReference(raw, anonymous: anonymous, at: start)), resumeAt: after)
            return true
        }
        var roleName = role
        if role == nil, after < chars.count, chars[after] == ":", let suffix = self.roleName(at: after + 1),
            canEnd(after + suffix.count + 2)
        {
            roleName = suffix
            after += suffix.count + 2
        }
        emit(try applyRole(roleName, RSTParser.unescape(raw), at: start), resumeAt: after)
        return true
    }

    /// A phrase reference, with an embedded URI or alias when the text ends with `<...>`.
    mutating func phraseReference(_ raw: String, anonymous: Bool, at index: Int) -> RSTReference {
        let line = lineNumber(index)
        if raw.hasSuffix(">"), let open = raw.lastIndex(of: "<"),
            open == raw.startIndex || raw[raw.index(before: open)].isWhitespace
        {
            let label = RSTParser.unescape(String(raw[..<open]).rstTrimmed)
            let inner = String(raw[raw.index(after: open)..<raw.index(before: raw.endIndex)]).filter { !$0.isWhitespace }
            let target: RSTLinkTarget
            let value: RSTParser.TargetValue
            if inner.hasSuffix("_"), !inner.hasSuffix("\\_") {
                let alias = RSTParser.normalizedName(String(inner.dropLast()))
                target = .named(alias)
                value = .alias(alias)
            } else {
                target = .uri(RSTParser.unescape(inner))
                value = .uri(RSTParser.unescape(inner))
            }
            if !anonymous, !label.isEmpty { definedTargets.append((RSTParser.normalizedName(label), value)) }
            return RSTReference(text: label.isEmpty ? RSTParser.unescape(inner) : label, target: target, line: line)
        }
        let label = RSTParser.unescape(raw)
        if anonymous {
            anonymousCount += 1
            return RSTReference(text: label, target: .anonymous(anonymousCount), line: line)
        }
        return RSTReference(text: label, target: .named(RSTParser.normalizedName(label)), line: line)
    }

    /// A role name (`name:`) starting at `index`, without the colon.
    func roleName(at index: Int) -> String? {
        var end = index
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || "-_.+:".contains(chars[end]) {
            if chars[end] == ":", end + 1 == chars.count || !(chars[end + 1].isLetter || chars[end + 1].isNumber) {
                break
            }
            end += 1
        }
        guard end > index, end < chars.count, chars[end] == ":" else { return nil }
        return String(chars[index..<end])
    }

    /// Parses `:role:` followed by interpreted text.
    mutating func parseRolePrefix() throws(ReadmeRenderError) -> Bool {
        guard isBoundary(position), let name = roleName(at: position + 1) else { return false }
        let backquote = position + name.count + 2
        guard backquote < chars.count, chars[backquote] == "`" else { return false }
        return try parseInterpreted(role: name, at: backquote) ? true : false
    }

    /// The node for interpreted text with `role` (nil: the default role, title reference).
    func applyRole(_ role: String?, _ text: String, at index: Int) throws(ReadmeRenderError) -> RSTInline {
        switch role?.lowercased() {
        case nil, "title-reference", "title", "t": return .cite(text)
        case "emphasis": return .emphasis(text)
        case "strong": return .strong(text)
        case "literal": return .literal(text)
        case "code", "math": return .code(text)
        case "sub", "subscript": return .sub(text)
        case "sup", "superscript": return .sup(text)
        case "pep", "pep-reference": return .text("PEP \(text)")
        case "rfc", "rfc-reference": return .text("RFC \(text)")
        case "abbreviation", "ab", "acronym", "ac": return .text(text)
        default:
            throw .rst(lineNumber(index), .error, "Unknown interpreted text role \"\(role ?? "")\".")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    var rstTrimmed: String {
        String(drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }
}
