extension RSTParser {
    /// Parses an overlined or underlined section title at `index`, if there is one.
    mutating func parseTitle(_ lines: [RSTLine], _ index: inout Int) throws(ReadmeRenderError) -> BodyItem? {
        let line = lines[index]
        if let character = line.adornmentCharacter, line.text.count >= 4, index + 1 < lines.count,
            !lines[index + 1].isBlank
        {
            let titleLine = lines[index + 1]
            guard index + 2 < lines.count, !lines[index + 2].isBlank else {
                throw .rst(line.number, .severe, "Incomplete section title.")
            }
            let underline = lines[index + 2]
            guard underline.adornmentCharacter != nil else {
                throw .rst(line.number, .severe, "Missing matching underline for section title overline.")
            }
            guard underline.text == line.text else {
                throw .rst(line.number, .severe, "Title overline & underline mismatch.")
            }
            let text = String(titleLine.text.drop { $0 == " " })
            if text.count > line.text.count {
                throw .rst(line.number, .warning, "Title overline too short.")
            }
            index += 3
            let title = RSTTitle(text: text, content: try inline(text, line: titleLine.number))
            return .title(title, style: RSTTitleStyle(character: character, overline: true), line: titleLine.number)
        }
        guard line.adornmentCharacter == nil || line.text.count < 4, index + 1 < lines.count,
            let character = lines[index + 1].adornmentCharacter
        else { return nil }
        let underline = lines[index + 1]
        if underline.text.count < line.text.count {
            guard underline.text.count >= 4 else { return nil }
            throw .rst(underline.number, .warning, "Title underline too short.")
        }
        index += 2
        let title = RSTTitle(text: line.text, content: try inline(line.text, line: line.number))
        return .title(title, style: RSTTitleStyle(character: character, overline: false), line: line.number)
    }

    /// Parses a transition (a line of 4 or more repeated punctuation characters alone).
    func parseTransition(_ lines: [RSTLine], _ index: inout Int) throws(ReadmeRenderError) -> BodyItem? {
        let line = lines[index]
        guard line.adornmentCharacter != nil, line.text.count >= 4 else { return nil }
        guard index + 1 == lines.count || lines[index + 1].isBlank else { return nil }
        index += 1
        return .block(.transition(line: line.number))
    }

    /// Nests the flat list of titles and blocks into sections, assigning levels in order of
    /// first appearance of each adornment style.
    mutating func buildSections(_ items: [BodyItem]) throws(ReadmeRenderError) -> [RSTBlock] {
        var styles: [RSTTitleStyle] = []
        var root: [RSTBlock] = []
        var stack: [RSTSection] = []
        func close(to level: Int) {
            while stack.count >= level, let section = stack.popLast() {
                if stack.isEmpty { root.append(.section(section)) } else { stack[stack.count - 1].body.append(.section(section)) }
            }
        }
        for item in items {
            switch item {
            case .block(let block):
                if stack.isEmpty { root.append(block) } else { stack[stack.count - 1].body.append(block) }
            case .title(let title, let style, let line):
                let level: Int
                if let known = styles.firstIndex(of: style) {
                    level = known + 1
                } else {
                    level = styles.count + 1
                    styles.append(style)
                }
                guard level <= stack.count + 1 else {
                    throw .rst(line, .severe, "Title level inconsistent: \"\(title.text)\"")
                }
                close(to: level)
                let name = Self.normalizedName(title.text)
                let id = uniqueID(Self.slug(title.text))
                if sectionTitleIDs[name] == nil { sectionTitleIDs[name] = id }
                stack.append(RSTSection(title: title.content, titleText: title.text, id: id, depth: level, body: []))
            }
        }
        close(to: 1)
        return root
    }

    /// An id made like docutils' `make_id`: lowercase ASCII letters and digits joined by hyphens.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if let ascii = character.asciiValue, (97...122).contains(ascii) || (48...57).contains(ascii) {
                if result.isEmpty && (48...57).contains(ascii) { continue }
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.append(character)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// A reference name normalized per docutils: whitespace collapsed, lowercased.
    static func normalizedName(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ").lowercased()
    }
}
