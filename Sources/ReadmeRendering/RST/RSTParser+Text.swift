extension RSTParser {
    /// The blank or indented lines starting at `start` and the index after them.
    func indentedBlock(_ lines: [RSTLine], from start: Int) -> (lines: [RSTLine], end: Int) {
        var end = start
        while end < lines.count, lines[end].isBlank || lines[end].indent > 0 { end += 1 }
        return (Array(lines[start..<end]), end)
    }

    /// Throws docutils' "ends without a blank line" warning when an indented construct stops
    /// directly before unindented text.
    func requireBlankFinish(_ lines: [RSTLine], end: Int, _ construct: String) throws(ReadmeRenderError) {
        guard end < lines.count, end > 0, !lines[end - 1].isBlank, !lines[end].isBlank else { return }
        throw .rst(lines[end].number, .warning, "\(construct) ends without a blank line; unexpected unindent.")
    }

    /// Parses a paragraph and, when it ends with `::`, the literal block after it.
    mutating func parseParagraph(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock
    {
        let start = index
        while index < lines.count, !lines[index].isBlank {
            if lines[index].indent > 0 {
                throw .rst(lines[index].number, .error, "Unexpected indentation.")
            }
            index += 1
        }
        var text = Array(lines[start..<index]).joinedText
        guard text.hasSuffix("::") else {
            return .paragraph(try inline(text, line: lines[start].number))
        }
        text.removeLast()
        if text == ":" {
            text = ""
        } else if text.dropLast().last == " " || text.dropLast().last == "\n" {
            text.removeLast()
            while let last = text.last, last == " " || last == "\n" { text.removeLast() }
        }
        let literal = try parseLiteralBlock(lines, &index, after: lines[index - 1].number)
        guard !text.isEmpty else { return literal }
        return .sequence([.paragraph(try inline(text, line: lines[start].number)), literal])
    }

    /// Parses the indented or quoted literal block expected after `::`.
    func parseLiteralBlock(_ lines: [RSTLine], _ index: inout Int, after line: Int) throws(ReadmeRenderError)
        -> RSTBlock
    {
        var next = index
        while next < lines.count, lines[next].isBlank { next += 1 }
        guard next < lines.count, next > index else {
            throw .rst(line + 1, .warning, "Literal block expected; none found.")
        }
        if lines[next].indent > 0 {
            let (block, end) = indentedBlock(lines, from: next)
            try requireBlankFinish(lines, end: end, "Literal block")
            index = end
            return .literalBlock(block.trimmingTrailingBlanks().dedentedCommon().joinedText)
        }
        guard let quote = lines[next].text.first, quote.isRSTAdornment else {
            throw .rst(lines[next].number, .warning, "Literal block expected; none found.")
        }
        var end = next
        while end < lines.count, lines[end].text.first == quote { end += 1 }
        if end < lines.count, !lines[end].isBlank {
            throw .rst(lines[end].number, .error, "Inconsistent literal block quoting.")
        }
        index = end
        return .literalBlock(Array(lines[next..<end]).joinedText)
    }

    /// Parses an indented block quote, with an optional `-- attribution`.
    mutating func parseBlockQuote(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock
    {
        let (block, end) = indentedBlock(lines, from: index)
        try requireBlankFinish(lines, end: end, "Block quote")
        index = end
        var body = block.trimmingTrailingBlanks().dedentedCommon()
        var attribution: [RSTInline]?
        if let blank = body.lastIndex(where: \.isBlank), blank + 1 < body.count {
            let first = body[blank + 1].text
            for dash in ["--- ", "-- ", "\u{2014} "] where first.hasPrefix(dash) {
                var attributionLines = Array(body[(blank + 1)...])
                attributionLines[0] = attributionLines[0].dropping(dash.count)
                let text = attributionLines.map { String($0.text.drop { $0 == " " }) }.joined(separator: " ")
                attribution = try inline(text, line: body[blank + 1].number)
                body = Array(body[..<blank])
                break
            }
        }
        return .blockQuote(try parseNested(body, depth: depth), attribution: attribution)
    }

    /// Parses a definition list: terms each followed by an indented definition.
    mutating func parseDefinitionList(_ lines: [RSTLine], _ index: inout Int, depth: Int)
        throws(ReadmeRenderError) -> RSTBlock
    {
        var items: [RSTDefinition] = []
        while index + 1 < lines.count, !lines[index].isBlank, lines[index].indent == 0,
            !lines[index + 1].isBlank, lines[index + 1].indent > 0
        {
            let termLine = lines[index]
            let (block, end) = indentedBlock(lines, from: index + 1)
            let parts = termLine.text.rstSplit(on: " : ")
            let term = try inline(parts[0], line: termLine.number)
            var classifiers: [[RSTInline]] = []
            for part in parts.dropFirst() { classifiers.append(try inline(part, line: termLine.number)) }
            let body = try parseNested(block.dedentedCommon(), depth: depth)
            items.append(RSTDefinition(term: term, classifiers: classifiers, body: body))
            index = end
            if end < lines.count, !lines[end].isBlank, lines[end].indent == 0, end + 1 < lines.count,
                !lines[end + 1].isBlank, lines[end + 1].indent > 0
            {
                continue
            }
            try requireBlankFinish(lines, end: end, "Definition list")
        }
        return .definitionList(items)
    }

    /// Parses a line block (`| ` lines, with indented continuation lines).
    mutating func parseLineBlock(_ lines: [RSTLine], _ index: inout Int) throws(ReadmeRenderError) -> RSTBlock {
        var entries: [(indent: Int, text: String, line: Int)] = []
        while index < lines.count {
            let line = lines[index]
            if line.text == "|" || line.text.hasPrefix("| ") {
                let rest = line.text.dropFirst(2)
                let indent = rest.prefix { $0 == " " }.count
                entries.append((indent, String(rest.dropFirst(indent)), line.number))
            } else if line.indent > 0, !line.isBlank, let last = entries.popLast() {
                entries.append((last.indent, last.text + "\n" + line.text.dropFirst(line.indent), last.line))
            } else {
                break
            }
            index += 1
        }
        if index < lines.count, !lines[index].isBlank {
            throw .rst(lines[index].number, .warning, "Line block ends without a blank line.")
        }
        var result: [RSTLineBlockLine] = []
        for entry in entries {
            result.append(RSTLineBlockLine(indent: entry.indent, content: try inline(entry.text, line: entry.line)))
        }
        return .lineBlock(result)
    }

    /// Parses a doctest block (`>>>` up to the next blank line).
    func parseDoctest(_ lines: [RSTLine], _ index: inout Int) -> RSTBlock {
        let start = index
        while index < lines.count, !lines[index].isBlank { index += 1 }
        return .doctestBlock(Array(lines[start..<index]).joinedText)
    }
}
