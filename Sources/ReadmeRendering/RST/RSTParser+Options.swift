/// One option of an option list item, e.g. `-f FILE` or `--output=<path>`.
struct RSTOption: Sendable, Equatable {
    var name: String
    var delimiter: String
    var argument: String
}

extension RSTParser {
    /// Parses the option group at the start of `text`: the options and the description start.
    static func optionGroup(_ text: String) -> (options: [RSTOption], description: String)? {
        guard let first = text.first, first == "-" || first == "+" || first == "/", text.count > 1 else { return nil }
        var rest = Substring(text)
        var options: [RSTOption] = []
        while true {
            guard let option = parseOption(&rest) else { return nil }
            options.append(option)
            if rest.hasPrefix(", ") {
                rest = rest.dropFirst(2)
                continue
            }
            break
        }
        if rest.isEmpty { return (options, "") }
        guard rest.hasPrefix("  ") else { return nil }
        return (options, String(rest.drop { $0 == " " }))
    }

    private static func parseOption(_ rest: inout Substring) -> RSTOption? {
        let nameEnd: Substring.Index
        if rest.hasPrefix("--") {
            let body = rest.dropFirst(2)
            let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            guard let head = name.first, head.isLetter || head.isNumber else { return nil }
            nameEnd = name.endIndex
        } else if let first = rest.first, "-+/".contains(first) {
            let letter = rest.dropFirst().prefix(1)
            guard let character = letter.first, character.isLetter || character.isNumber else { return nil }
            nameEnd = letter.endIndex
        } else {
            return nil
        }
        var option = RSTOption(name: String(rest[..<nameEnd]), delimiter: "", argument: "")
        rest = rest[nameEnd...]
        let delimiter = rest.first
        if delimiter == "=" || (delimiter == " " && rest.dropFirst().first.map { $0 != " " && $0 != "-" } == true) {
            let candidate = rest.dropFirst()
            let argument: Substring
            if candidate.first == "<", let close = candidate.firstIndex(of: ">") {
                argument = candidate[...close]
            } else {
                argument = candidate.prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }
                guard let head = argument.first, head.isLetter else { return delimiter == " " ? option : nil }
            }
            option.delimiter = String(delimiter ?? " ")
            option.argument = String(argument)
            rest = candidate[argument.endIndex...]
        }
        return option
    }

    /// Parses an option list (`-v, --verbose  Description`).
    mutating func parseOptionList(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock?
    {
        func item(_ at: Int) -> (options: [RSTOption], description: String)? {
            guard lines[at].indent == 0, let group = Self.optionGroup(lines[at].text) else { return nil }
            if group.description.isEmpty {
                guard at + 1 < lines.count, !lines[at + 1].isBlank, lines[at + 1].indent > 0 else { return nil }
            }
            return group
        }
        guard item(index) != nil else { return nil }
        var items: [RSTOptionListItem] = []
        while index < lines.count, let group = item(index) {
            let line = lines[index]
            let (block, end) = indentedBlock(lines, from: index + 1)
            var body = block.dedentedCommon()
            if !group.description.isEmpty { body.insert(RSTLine(number: line.number, text: group.description), at: 0) }
            items.append(RSTOptionListItem(options: group.options, body: try parseNested(body, depth: depth)))
            index = end
            let next = nextNonBlank(lines, index)
            guard next < lines.count, item(next) != nil else { break }
            index = next
        }
        try requireBlankFinish(lines, end: index, "Option list")
        return .optionList(items)
    }
}

/// An option list item: its option group and description.
struct RSTOptionListItem: Sendable, Equatable {
    var options: [RSTOption]
    var body: [RSTBlock]
}
