/// An enumerated list marker such as `1.`, `(a)`, `iv)` or `#.`.
struct RSTEnumerator: Sendable, Equatable {
    enum Format: Sendable, Equatable { case period, rightParen, parens }
    var format: Format
    var sequence: String
    var width: Int

    /// Parses the enumerator at the start of `text` (must be followed by a space or end of line).
    init?(_ text: String) {
        var rest = Substring(text)
        let opens = rest.first == "("
        if opens { rest = rest.dropFirst() }
        let sequence = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
        guard !sequence.isEmpty, sequence.count <= 10 else { return nil }
        rest = rest.dropFirst(sequence.count)
        guard let close = rest.first else { return nil }
        switch (opens, close) {
        case (true, ")"): format = .parens
        case (false, ")"): format = .rightParen
        case (false, "."): format = .period
        default: return nil
        }
        rest = rest.dropFirst()
        guard rest.isEmpty || rest.first == " " else { return nil }
        self.sequence = String(sequence)
        width = (opens ? 2 : 1) + sequence.count
        guard isAuto || sequence.allSatisfy(\.isNumber) || Self.roman(self.sequence) != nil || sequence.count == 1 else {
            return nil
        }
    }

    var isAuto: Bool { sequence == "#" }

    /// The style a first item implies.
    var firstStyle: RSTEnumStyle {
        if isAuto || sequence.allSatisfy(\.isNumber) { return .arabic }
        let upper = sequence.first?.isUppercase ?? false
        if sequence == "i" || sequence == "I" || (sequence.count > 1 && Self.roman(sequence) != nil) {
            return upper ? .upperroman : .lowerroman
        }
        return upper ? .upperalpha : .loweralpha
    }

    /// The ordinal of this enumerator in `style`, if it belongs to it.
    func ordinal(in style: RSTEnumStyle) -> Int? {
        switch style {
        case .arabic:
            return sequence.allSatisfy(\.isNumber) ? Int(sequence) : nil
        case .loweralpha, .upperalpha:
            guard sequence.count == 1, let ascii = sequence.first?.asciiValue else { return nil }
            let base: UInt8 = style == .loweralpha ? 97 : 65
            return (base..<(base + 26)).contains(ascii) ? Int(ascii - base) + 1 : nil
        case .lowerroman, .upperroman:
            guard (style == .lowerroman) == (sequence == sequence.lowercased()) else { return nil }
            return Self.roman(sequence)
        }
    }

    /// The value of a Roman numeral, if `text` is one.
    static func roman(_ text: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000]
        var total = 0
        var previous = 0
        for character in text.lowercased().reversed() {
            guard let value = values[character] else { return nil }
            total += value < previous ? -value : value
            previous = max(previous, value)
        }
        return total > 0 && total < 5000 ? total : nil
    }
}

extension RSTParser {
    /// Parses an enumerated list.
    mutating func parseEnumeratedList(_ lines: [RSTLine], _ index: inout Int, depth: Int)
        throws(ReadmeRenderError) -> RSTBlock?
    {
        guard let first = RSTEnumerator(lines[index].text) else { return nil }
        let style = first.firstStyle
        guard let start = first.isAuto ? 1 : first.ordinal(in: style) else { return nil }
        func follows(_ line: RSTLine, _ expected: Int) -> Bool {
            guard line.indent == 0, let next = RSTEnumerator(line.text), next.format == first.format else { return false }
            return next.isAuto || next.ordinal(in: style) == expected
        }
        func wellFormed(_ at: Int, _ expected: Int) -> Bool {
            at + 1 >= lines.count || lines[at + 1].isBlank || lines[at + 1].indent > 0 || follows(lines[at + 1], expected + 1)
        }
        guard wellFormed(index, start) else { return nil }
        var items: [[RSTBlock]] = []
        var expected = start
        while index < lines.count {
            let marker = RSTEnumerator(lines[index].text)?.width ?? 1
            items.append(try parseItem(lines, &index, markerWidth: marker, depth: depth, knownIndent: true))
            expected += 1
            let next = nextNonBlank(lines, index)
            guard next < lines.count, follows(lines[next], expected), wellFormed(next, expected) else { break }
            index = next
        }
        try requireBlankFinish(lines, end: index, "Enumerated list")
        return .enumeratedList(style: style, start: start, items: items)
    }
}
