/// HTML text helpers for the reStructuredText writer.
enum RSTHTML {
    /// Escapes text or an attribute value.
    static func escape(_ text: String) -> String { HTMLSanitizer.escape(text) }

    /// Typographic quotes and dashes as docutils' smart_quotes setting produces for English.
    static func smartQuotes(_ text: String, after previous: Character? = nil) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        func before(_ index: Int) -> Character? { index > 0 ? characters[index - 1] : previous }
        func opensAt(_ index: Int) -> Bool {
            guard let previous = before(index) else { return true }
            return previous.isWhitespace || "([{<-\u{2013}\u{2014}\u{201C}\u{2018}".contains(previous)
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "-" where index + 2 < characters.count && characters[index + 1] == "-" && characters[index + 2] == "-":
                result += "\u{2014}"
                index += 3
                continue
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                result += "\u{2013}"
                index += 2
                continue
            case "." where index + 2 < characters.count && characters[index + 1] == "." && characters[index + 2] == ".":
                result += "\u{2026}"
                index += 3
                continue
            case "\"":
                result += opensAt(index) ? "\u{201C}" : "\u{201D}"
            case "'":
                let afterWord = before(index).map { $0.isLetter || $0.isNumber } ?? false
                result += !afterWord && opensAt(index) ? "\u{2018}" : "\u{2019}"
            default:
                result.append(character)
            }
            index += 1
        }
        return result
    }

    /// Escaped, smart-quoted text.
    static func text(_ text: String, after previous: Character? = nil) -> String {
        escape(smartQuotes(text, after: previous))
    }
}
