extension RSTInlineParser {
    static let schemes = ["http", "https", "ftp", "ftps", "sftp", "git", "ssh", "svn", "irc", "news", "file"]

    /// Parses `|name|`, `|name|_` and `|name|__`.
    mutating func parseSubstitution() throws(ReadmeRenderError) -> Bool {
        guard canStart(position, length: 1) else { return false }
        var end = position + 2
        while end < chars.count {
            if chars[end] == "|", !chars[end - 1].isWhitespace, !isEscaped(end),
                canEnd(end + 1) || (end + 1 < chars.count && chars[end + 1] == "_")
            {
                break
            }
            end += 1
        }
        guard end < chars.count else { throw unterminated("substitution_reference") }
        let name = RSTParser.unescape(String(chars[(position + 1)..<end]))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var after = end + 1
        var link: RSTLinkTarget?
        if after < chars.count, chars[after] == "_" {
            if after + 1 < chars.count, chars[after + 1] == "_" {
                anonymousCount += 1
                link = .anonymous(anonymousCount)
                after += 2
            } else {
                link = .named(RSTParser.normalizedName(name))
                after += 1
            }
        }
        emit(.substitution(name: name, link: link, line: lineNumber(position)), resumeAt: after)
        return true
    }

    /// Parses `[1]_`, `[#]_`, `[#label]_`, `[*]_` and `[CITATION]_`.
    mutating func parseFootnoteReference() -> Bool {
        guard isBoundary(position) else { return false }
        var end = position + 1
        while end < chars.count, chars[end] != "]", chars[end] != "\n", chars[end] != " " { end += 1 }
        guard end + 1 < chars.count, end > position + 1, chars[end + 1] == "_", canEnd(end + 2) else { return false }
        let label = String(chars[(position + 1)..<end])
        let key: String
        if label == "#" || label == "*" {
            autoFootnoteCount += 1
            key = "\u{0}\(autoFootnoteCount)"
        } else if label.allSatisfy({ $0.isLetter || $0.isNumber || "-_.#".contains($0) }) {
            key = label
        } else {
            return false
        }
        emit(.footnoteReference(label: key, line: lineNumber(position)), resumeAt: end + 2)
        return true
    }

    /// Parses an inline internal target `` _`name` ``.
    mutating func parseInlineTarget() throws(ReadmeRenderError) -> Bool {
        guard canStart(position, length: 2) else { return false }
        guard let end = findEnd("`", from: position + 3) else { throw unterminated("internal target") }
        let name = text(position + 2, end)
        let id = RSTParser.slug(name)
        definedTargets.append((RSTParser.normalizedName(name), .local(id: id)))
        emit(.inlineTarget(id: id, text: name), resumeAt: end + 1)
        return true
    }

    /// Parses a standalone URI such as `https://example.org/x` or `mailto:a@example.org`.
    mutating func parseStandaloneURI() -> Bool {
        var end = position
        while end < chars.count, chars[end].isASCII, chars[end].isLetter || chars[end] == "+" { end += 1 }
        let scheme = String(chars[position..<end]).lowercased()
        guard end < chars.count, chars[end] == ":" else { return false }
        let isMail = scheme == "mailto"
        guard isMail || (Self.schemes.contains(scheme) && end + 2 < chars.count && chars[end + 1] == "/") else {
            return false
        }
        end += 1
        while end < chars.count, !chars[end].isWhitespace, !"<>\"`".contains(chars[end]) { end += 1 }
        while end > position, ".,;:!?'*)]}".contains(chars[end - 1]) {
            if chars[end - 1] == ")" {
                let slice = chars[position..<end]
                if slice.filter({ $0 == "(" }).count >= slice.filter({ $0 == ")" }).count { break }
            }
            end -= 1
        }
        guard end > position + scheme.count + (isMail ? 2 : 3) else { return false }
        let uri = String(chars[position..<end])
        emit(.reference(RSTReference(text: uri, target: .uri(uri), line: lineNumber(position))), resumeAt: end)
        return true
    }

    /// Parses a standalone email address, linked with `mailto:`.
    mutating func parseEmail() -> Bool {
        func isLocal(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
        func isDomain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }
        var at = position
        while at < chars.count, isLocal(chars[at]) { at += 1 }
        guard at > position, at < chars.count, chars[at] == "@" else { return false }
        var end = at + 1
        while end < chars.count, isDomain(chars[end]) { end += 1 }
        while end > at + 1, ".-".contains(chars[end - 1]) { end -= 1 }
        let domain = chars[(at + 1)..<end]
        guard domain.contains("."), domain.first != ".", canEnd(end) else { return false }
        let address = String(chars[position..<end])
        let reference = RSTReference(text: address, target: .uri("mailto:" + address), line: lineNumber(position))
        emit(.reference(reference), resumeAt: end)
        return true
    }

    /// Parses `name_` and `name__`; otherwise copies the word so it is not re-examined.
    mutating func parseSimpleReference() -> Bool {
        func isWord(_ c: Character) -> Bool { (c.isLetter || c.isNumber) && c != "_" }
        guard isWord(chars[position]) else { return false }
        var end = position
        while end < chars.count {
            if isWord(chars[end]) {
                end += 1
            } else if "-._+:".contains(chars[end]), end + 1 < chars.count, isWord(chars[end + 1]) {
                end += 2
            } else {
                break
            }
        }
        let name = String(chars[position..<end])
        if end < chars.count, chars[end] == "_" {
            let anonymous = end + 1 < chars.count && chars[end + 1] == "_"
            let after = end + (anonymous ? 2 : 1)
            if canEnd(after) {
                let target: RSTLinkTarget
                if anonymous {
                    anonymousCount += 1
                    target = .anonymous(anonymousCount)
                } else {
                    target = .named(RSTParser.normalizedName(name))
                }
                emit(.reference(RSTReference(text: name, target: target, line: lineNumber(position))), resumeAt: after)
                return true
            }
        }
        buffer += name
        position = end
        return true
    }
}
