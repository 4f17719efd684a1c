/// Parses reStructuredText into blocks, collecting targets and substitutions as it goes.
///
/// Follows the docutils reStructuredText specification for the constructs READMEs use; every
/// docutils WARNING or worse becomes a thrown `ReadmeRenderError` (PyPI's halt_level 2).
struct RSTParser: Sendable {
    /// Deepest allowed nesting of block-level structures.
    static let maximumDepth = 64

    /// Where a named hyperlink target points.
    enum TargetValue: Sendable, Equatable {
        case uri(String)
        case local(id: String)
        case alias(String)
    }

    var targets: [String: TargetValue] = [:]
    var targetLines: [String: Int] = [:]
    var anonymousTargets: [TargetValue] = []
    var anonymousReferenceCount = 0
    var anonymousReferenceLine = 0
    var substitutions: [String: [RSTInline]] = [:]
    /// Footnote keys in document order, with whether they are auto-numbered.
    var footnoteKeys: [(key: String, auto: Bool)] = []
    var autoFootnoteCount = 0
    var autoFootnoteReferenceCount = 0
    var footnoteIDs: [String: String] = [:]
    var usedIDs: Set<String> = []
    var sectionTitleIDs: [String: String] = [:]

    /// Parses a list of lines into body elements. Section titles are allowed only when `top`.
    mutating func parseBody(_ lines: [RSTLine], depth: Int, top: Bool = false) throws(ReadmeRenderError)
        -> [RSTBlock]
    {
        guard depth <= Self.maximumDepth else {
            throw .rst(lines.first?.number ?? 1, .severe, "Maximum nesting depth exceeded.")
        }
        var items: [BodyItem] = []
        var index = 0
        while index < lines.count {
            if lines[index].isBlank {
                index += 1
                continue
            }
            let start = index
            let item = try parseElement(lines, &index, depth: depth)
            if index <= start { index = start + 1 }
            if case .title(_, _, let line) = item, !top {
                throw .rst(line, .severe, "Unexpected section title.")
            }
            items.append(item)
        }
        return top ? try buildSections(items) : items.compactMap(\.block)
    }

    /// Parses a nested body (list item, directive content, table cell).
    mutating func parseNested(_ lines: [RSTLine], depth: Int) throws(ReadmeRenderError) -> [RSTBlock] {
        try parseBody(lines.trimmingTrailingBlanks(), depth: depth + 1)
    }

    /// Parses the element starting at `index` and moves `index` past it.
    mutating func parseElement(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> BodyItem
    {
        let line = lines[index]
        if line.indent > 0 {
            return .block(try parseBlockQuote(lines, &index, depth: depth))
        }
        if let title = try parseTitle(lines, &index) {
            return title
        }
        if let transition = try parseTransition(lines, &index) {
            return transition
        }
        if let options = try parseOptionList(lines, &index, depth: depth) {
            return .block(options)
        }
        if let list = try parseBulletList(lines, &index, depth: depth) {
            return .block(list)
        }
        if let list = try parseEnumeratedList(lines, &index, depth: depth) {
            return .block(list)
        }
        if let fields = try parseFieldList(lines, &index, depth: depth) {
            return .block(fields)
        }
        if line.text == ".." || line.text.hasPrefix(".. ") {
            return .block(try parseExplicit(lines, &index, depth: depth))
        }
        if line.text.hasPrefix("__ ") {
            let (block, end) = indentedBlock(lines, from: index + 1)
            index = end
            return .block(try parseTarget(line.text, block.dedentedCommon(), line: line.number))
        }
        if line.text == "|" || line.text.hasPrefix("| ") {
            return .block(try parseLineBlock(lines, &index))
        }
        if line.text.hasPrefix(">>>") {
            return .block(parseDoctest(lines, &index))
        }
        if let table = try parseGridTable(lines, &index, depth: depth) {
            return .block(table)
        }
        if let table = try parseSimpleTable(lines, &index, depth: depth) {
            return .block(table)
        }
        if index + 1 < lines.count, !lines[index + 1].isBlank, lines[index + 1].indent > 0 {
            return .block(try parseDefinitionList(lines, &index, depth: depth))
        }
        return .block(try parseParagraph(lines, &index, depth: depth))
    }

    /// Parses inline text, converting inline errors to docutils messages.
    mutating func inline(_ text: String, line: Int) throws(ReadmeRenderError) -> [RSTInline] {
        var parser = RSTInlineParser(text: text, line: line, anonymousCount: anonymousReferenceCount,
                                     autoFootnoteCount: autoFootnoteReferenceCount)
        let result = try parser.parse()
        for (name, value) in parser.definedTargets where targets[name] == nil {
            targets[name] = value
            if case .local(let id) = value { usedIDs.insert(id) }
        }
        if parser.anonymousCount > anonymousReferenceCount { anonymousReferenceLine = line }
        anonymousReferenceCount = parser.anonymousCount
        autoFootnoteReferenceCount = parser.autoFootnoteCount
        return result
    }

    /// Registers an id, making it unique.
    mutating func uniqueID(_ base: String) -> String {
        var id = base.isEmpty ? "id1" : base
        var counter = 1
        while usedIDs.contains(id) {
            id = base.isEmpty ? "id\(counter)" : "\(base)-\(counter)"
            counter += 1
        }
        usedIDs.insert(id)
        return id
    }
}

/// A parsed body element or a section title awaiting section building.
enum BodyItem: Sendable {
    case block(RSTBlock)
    case title(RSTTitle, style: RSTTitleStyle, line: Int)

    var block: RSTBlock? {
        if case .block(let block) = self { block } else { nil }
    }
}

/// A section title's text and parsed inline content.
struct RSTTitle: Sendable {
    var text: String
    var content: [RSTInline]
}

/// A section adornment style: its character and whether it has an overline.
struct RSTTitleStyle: Sendable, Equatable {
    var character: Character
    var overline: Bool
}
