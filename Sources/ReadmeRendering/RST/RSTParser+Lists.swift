extension RSTParser {
    /// Parses one list item body: the text after the marker plus the following indented lines.
    /// With `knownIndent` (list items whose first line has text) the body is the lines indented at
    /// least as far as that text; otherwise their common indentation (docutils'
    /// `get_known_indented` / `get_first_known_indented`).
    mutating func parseItem(_ lines: [RSTLine], _ index: inout Int, markerWidth: Int, depth: Int,
                            knownIndent: Bool = false) throws(ReadmeRenderError) -> [RSTBlock]
    {
        let line = lines[index]
        let afterMarker = line.text.dropFirst(markerWidth)
        let first = String(afterMarker.drop { $0 == " " })
        var body: [RSTLine]
        if knownIndent, !first.isEmpty {
            let column = line.text.count - first.count
            var end = index + 1
            while end < lines.count, lines[end].isBlank || lines[end].indent >= column { end += 1 }
            body = lines[(index + 1)..<end].map { $0.dedented(by: column) }
            index = end
        } else {
            let (block, end) = indentedBlock(lines, from: index + 1)
            body = block.dedentedCommon()
            index = end
        }
        if !first.isEmpty { body.insert(RSTLine(number: line.number, text: first), at: 0) }
        return try parseNested(body, depth: depth)
    }

    /// The index of the next non-blank line at or after `index`.
    func nextNonBlank(_ lines: [RSTLine], _ index: Int) -> Int {
        var next = index
        while next < lines.count, lines[next].isBlank { next += 1 }
        return next
    }

    /// Parses a bullet list (`-`, `*`, `+`, `•`, `‣`, `⁃`).
    mutating func parseBulletList(_ lines: [RSTLine], _ index: inout Int, depth: Int)
        throws(ReadmeRenderError) -> RSTBlock?
    {
        func isItem(_ line: RSTLine, _ marker: Character) -> Bool {
            line.indent == 0 && line.text.first == marker && (line.text.count == 1 || line.text.dropFirst().first == " ")
        }
        guard let marker = lines[index].text.first, "-*+\u{2022}\u{2023}\u{2043}".contains(marker),
            isItem(lines[index], marker)
        else { return nil }
        var items: [[RSTBlock]] = []
        while index < lines.count, isItem(lines[index], marker) {
            items.append(try parseItem(lines, &index, markerWidth: 1, depth: depth, knownIndent: true))
            let next = nextNonBlank(lines, index)
            guard next < lines.count, isItem(lines[next], marker) else { break }
            index = next
        }
        try requireBlankFinish(lines, end: index, "Bullet list")
        return .bulletList(items)
    }

    /// Parses a field list (`:name: body`).
    mutating func parseFieldList(_ lines: [RSTLine], _ index: inout Int, depth: Int)
        throws(ReadmeRenderError) -> RSTBlock?
    {
        guard Self.fieldMarker(lines[index].text) != nil else { return nil }
        var fields: [RSTField] = []
        while index < lines.count, let (name, width) = Self.fieldMarker(lines[index].text) {
            let nameLine = lines[index].number
            let body = try parseItem(lines, &index, markerWidth: width, depth: depth)
            fields.append(RSTField(name: try inline(name, line: nameLine), body: body))
            let next = nextNonBlank(lines, index)
            guard next < lines.count, Self.fieldMarker(lines[next].text) != nil else { break }
            index = next
        }
        try requireBlankFinish(lines, end: index, "Field list")
        return .fieldList(fields)
    }

    /// The field name and marker width if `text` starts with a field marker `:name:`.
    static func fieldMarker(_ text: String) -> (String, Int)? {
        let characters = Array(text)
        guard characters.count > 2, characters[0] == ":", characters[1] != " " else { return nil }
        var position = 2
        while position < characters.count {
            if characters[position] == "\\" {
                position += 2
                continue
            }
            if characters[position] == ":" {
                if position + 1 == characters.count || characters[position + 1] == " " {
                    guard characters[position - 1] != " " else { return nil }
                    return (String(characters[1..<position]), position + 1)
                }
                if characters[position + 1] == "`" { return nil }
            }
            position += 1
        }
        return nil
    }
}
