/// The raw parts of a directive: `.. name:: first line` plus its indented block.
struct RSTDirectiveInput: Sendable {
    var name: String
    var firstLine: String
    var block: [RSTLine]
    var line: Int

    /// Recognizes `name:: text`; `nil` if `text` is not a directive (so it is a comment).
    init?(_ text: String, _ block: [RSTLine], line: Int) {
        guard let marker = text.firstRange(of: "::") else { return nil }
        let name = text[..<marker.lowerBound]
        let after = text[marker.upperBound...]
        guard let first = name.first, first.isLetter || first.isNumber,
            name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:+".contains($0) }),
            after.isEmpty || after.first == " "
        else { return nil }
        self.name = name.lowercased()
        self.firstLine = String(after.drop { $0 == " " })
        self.block = block
        self.line = line
    }

    /// Arguments, options and content, split for a directive that takes arguments or not.
    struct Parts: Sendable {
        var argument: String
        var options: [String: String]
        var content: [RSTLine]
        var contentLine: Int
    }

    func parts(takesArgument: Bool) -> Parts {
        var lines = block
        var argumentLines: [String] = []
        if takesArgument {
            if !firstLine.isEmpty { argumentLines.append(firstLine) }
            while let next = lines.first, !next.isBlank, RSTParser.fieldMarker(next.text) == nil {
                argumentLines.append(next.text)
                lines.removeFirst()
            }
        } else if !firstLine.isEmpty {
            lines.insert(RSTLine(number: line, text: firstLine), at: 0)
            return Parts(argument: "", options: [:], content: lines.trimmingTrailingBlanks(), contentLine: line)
        }
        var options: [String: String] = [:]
        var lastOption: String?
        while let next = lines.first, !next.isBlank {
            if let (name, width) = RSTParser.fieldMarker(next.text) {
                let value = String(next.text.dropFirst(width).drop { $0 == " " })
                options[name.lowercased()] = value
                lastOption = name.lowercased()
            } else if next.indent > 0, let option = lastOption {
                options[option, default: ""] += " " + next.text.drop { $0 == " " }
            } else {
                break
            }
            lines.removeFirst()
        }
        while let next = lines.first, next.isBlank { lines.removeFirst() }
        let content = lines.trimmingTrailingBlanks().dedentedCommon()
        return Parts(argument: argumentLines.joined(separator: "\n"), options: options, content: content,
                     contentLine: content.first?.number ?? line)
    }
}
