extension RSTParser {
    /// Parses explicit markup (`.. `): footnotes, citations, targets, substitution definitions,
    /// directives and comments.
    mutating func parseExplicit(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock
    {
        let line = lines[index]
        let first = line.text == ".." ? "" : String(line.text.dropFirst(3).drop { $0 == " " })
        if first.isEmpty, index + 1 == lines.count || lines[index + 1].isBlank {
            index += 1
            return .invisible
        }
        let (block, end) = indentedBlock(lines, from: index + 1)
        if end < lines.count, !(lines[end].text == ".." || lines[end].text.hasPrefix(".. ")) {
            try requireBlankFinish(lines, end: end, "Explicit markup")
        }
        index = end
        let rest = block.dedentedCommon()
        if first.hasPrefix("["), let footnote = try parseFootnote(first, rest, line: line.number, depth: depth) {
            return footnote
        }
        if first.hasPrefix("_") {
            return try parseTarget(first, rest, line: line.number)
        }
        if first.hasPrefix("|"), let close = first.dropFirst().firstIndex(of: "|") {
            let name = String(first[first.index(after: first.startIndex)..<close])
            let definition = String(first[first.index(after: close)...].drop { $0 == " " })
            if let directive = RSTDirectiveInput(definition, rest, line: line.number) {
                try defineSubstitution(name, directive)
                return .invisible
            }
            throw .rst(line.number, .error, "Substitution definition \"\(name)\" empty or invalid.")
        }
        if let directive = RSTDirectiveInput(first, rest, line: line.number) {
            return try parseDirective(directive, depth: depth)
        }
        return .invisible
    }

    /// Parses `.. [label] text` footnotes and citations.
    mutating func parseFootnote(_ first: String, _ rest: [RSTLine], line: Int, depth: Int)
        throws(ReadmeRenderError) -> RSTBlock?
    {
        guard let close = first.firstIndex(of: "]") else { return nil }
        let label = String(first[first.index(after: first.startIndex)..<close])
        let after = first[first.index(after: close)...]
        guard !label.isEmpty, after.isEmpty || after.first == " " else { return nil }
        let key: String
        let isCitation: Bool
        if label.allSatisfy(\.isNumber) {
            key = label
            isCitation = false
            footnoteKeys.append((key, false))
        } else if label.hasPrefix("#") || label == "*" {
            autoFootnoteCount += 1
            key = label.count > 1 ? label : "\u{0}\(autoFootnoteCount)"
            isCitation = false
            footnoteKeys.append((key, true))
        } else if label.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
            key = label
            isCitation = true
        } else {
            return nil
        }
        var body = rest
        let text = String(after.drop { $0 == " " })
        if !text.isEmpty { body.insert(RSTLine(number: line, text: text), at: 0) }
        let id = uniqueID(isCitation ? Self.slug(label) : "footnote-\(footnoteKeys.count)")
        footnoteIDs[key] = id
        let blocks = try parseNested(body, depth: depth)
        return .footnote(RSTFootnote(label: key, id: id, isCitation: isCitation, body: blocks))
    }

    /// Parses `.. _name: uri`, `.. _name:` (internal), `.. _name: other_` (alias), `.. __: uri`.
    mutating func parseTarget(_ first: String, _ rest: [RSTLine], line: Int) throws(ReadmeRenderError) -> RSTBlock {
        var text = Substring(first.dropFirst())
        var name: String
        if text.hasPrefix("_:") || text.hasPrefix("_ ") || text == "_" {
            name = ""
            text = text.dropFirst(text.hasPrefix("_:") ? 2 : 1)
        } else if text.hasPrefix("`"), let close = text.dropFirst().firstIndex(of: "`") {
            name = String(text[text.index(after: text.startIndex)..<close])
            text = text[text.index(after: close)...]
            guard text.hasPrefix(":") else { return .invisible }
            text = text.dropFirst()
        } else if let colon = Self.targetColon(text) {
            name = String(text[..<colon])
            text = text[text.index(after: colon)...]
        } else {
            return .invisible
        }
        name = Self.unescape(name)
        let uri = ([String(text)] + rest.map(\.text)).joined().filter { $0 != " " }
        let key = Self.normalizedName(name)
        let value: TargetValue
        if uri.isEmpty {
            guard !key.isEmpty else { throw .rst(line, .error, "Anonymous hyperlink target without a URI.") }
            let id = uniqueID(Self.slug(name))
            value = .local(id: id)
        } else if uri.hasSuffix("_"), !uri.hasSuffix("\\_") {
            var alias = String(uri.dropLast())
            if alias.hasPrefix("`"), alias.hasSuffix("`"), alias.count >= 2 { alias = String(alias.dropFirst().dropLast()) }
            value = .alias(Self.normalizedName(alias))
        } else {
            value = .uri(Self.unescape(uri))
        }
        if key.isEmpty {
            anonymousTargets.append(value)
            return .invisible
        }
        if let existing = targets[key], existing != value {
            throw .rst(line, .warning, "Duplicate explicit target name: \"\(name)\".")
        }
        targets[key] = value
        targetLines[key] = line
        if case .local(let id) = value { return .target(id: id) }
        return .invisible
    }

    /// The colon ending a target name: unescaped and followed by a space or the end.
    static func targetColon(_ text: Substring) -> Substring.Index? {
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
        }
        return nil
    }

    /// Removes backslash escapes.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }
}
