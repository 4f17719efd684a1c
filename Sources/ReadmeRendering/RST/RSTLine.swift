/// One source line: tabs expanded, trailing whitespace removed, with its 1-based line number.
struct RSTLine: Sendable, Equatable {
    var number: Int
    var text: String
    var indent: Int
    var isBlank: Bool { text.isEmpty }

    init(number: Int, text: String) {
        self.number = number
        self.text = text
        self.indent = text.prefix { $0 == " " }.count
    }

    /// The line with `count` leading columns removed.
    func dedented(by count: Int) -> RSTLine {
        RSTLine(number: number, text: String(text.dropFirst(min(count, indent))))
    }

    /// The line with its first `count` characters replaced by nothing (for list markers).
    func dropping(_ count: Int) -> RSTLine {
        RSTLine(number: number, text: String(text.dropFirst(count)))
    }

    /// Splits a document into lines, expanding tabs to 8 columns.
    static func split(_ source: String) -> [RSTLine] {
        var lines: [RSTLine] = []
        var current = ""
        var column = 0
        var number = 1
        var previousWasCR = false
        func finish() {
            while let last = current.last, last == " " { current.removeLast() }
            lines.append(RSTLine(number: number, text: current))
            current = ""
            column = 0
            number += 1
        }
        for scalar in source.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            switch scalar {
            case "\n", "\r":
                finish()
            case "\t":
                let spaces = 8 - column % 8
                current += String(repeating: " ", count: spaces)
                column += spaces
            case "\u{0B}", "\u{0C}":
                current += " "
                column += 1
            default:
                current.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if !current.isEmpty { finish() }
        return lines
    }
}

extension Character {
    /// 7-bit printable non-alphanumeric characters usable as section adornments.
    var isRSTAdornment: Bool {
        guard let ascii = asciiValue else { return false }
        return (33...47).contains(ascii) || (58...64).contains(ascii) || (91...96).contains(ascii)
            || (123...126).contains(ascii)
    }
}

extension RSTLine {
    /// The adornment character if the line is a run of one repeated punctuation character.
    var adornmentCharacter: Character? {
        guard indent == 0, let first = text.first, first.isRSTAdornment else { return nil }
        return text.allSatisfy { $0 == first } ? first : nil
    }
}

extension Array where Element == RSTLine {
    /// Removes trailing blank lines.
    func trimmingTrailingBlanks() -> [RSTLine] {
        var copy = self
        while let last = copy.last, last.isBlank { copy.removeLast() }
        return copy
    }

    /// Removes the common indentation of the non-blank lines.
    func dedentedCommon() -> [RSTLine] {
        let common = filter { !$0.isBlank }.map(\.indent).min() ?? 0
        return map { $0.dedented(by: common) }
    }

    /// The lines joined with newlines.
    var joinedText: String { map(\.text).joined(separator: "\n") }
}

extension String {
    /// Splits on every occurrence of `separator` (a non-empty string).
    func rstSplit(on separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
