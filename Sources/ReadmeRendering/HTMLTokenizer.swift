/// A tokenizer modelled on the HTML Living Standard's: tags with quoted, unquoted and bare
/// attributes, end tags, comments, doctypes, CDATA and processing instructions (as bogus
/// comments), character references, and raw text after `<script>`, `<style>` and their kin.
/// It never fails: malformed input is read the way a browser would read it, as closely as needed.
struct HTMLTokenizer: Sendable {
    /// Elements whose content the tokenizer reads as raw text up to the matching end tag.
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
    ]

    private enum Mode: Sendable {
        case data
        case rawText(String)
        case plaintext
    }

    let input: [Unicode.Scalar]
    var position = 0
    private var mode = Mode.data

    /// Prepares `html`, normalizing newlines (CR LF and CR to LF) and replacing NUL with U+FFFD.
    init(_ html: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(html.unicodeScalars.count)
        var previousWasCarriageReturn = false
        for scalar in html.unicodeScalars {
            if scalar == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            switch scalar {
            case "\r": scalars.append("\n")
            case "\0": scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        input = scalars
    }

    /// The next token, or `nil` at the end of the input.
    mutating func next() -> HTMLToken? {
        guard position < input.count else { return nil }
        switch mode {
        case .plaintext:
            let text = String(String.UnicodeScalarView(input[position...]))
            position = input.count
            return .text(text)
        case .rawText(let name):
            mode = .data
            let end = rawTextEnd(for: name)
            defer { position = end }
            guard end > position else { return next() }
            return .text(String(String.UnicodeScalarView(input[position..<end])))
        case .data:
            if input[position] == "<", let token = markup() {
                return token
            }
            return .text(text())
        }
    }

    /// Reads character data up to the next `<` that opens markup.
    private mutating func text() -> String {
        var result = String.UnicodeScalarView()
        // The caller saw a `<` that opens no markup, or plain text: take at least one scalar.
        var first = true
        while position < input.count {
            let scalar = input[position]
            if scalar == "<" && !first && opensMarkup(at: position) { break }
            first = false
            if scalar == "&" {
                position += 1
                if let decoded = HTMLCharacterReference.decode(input, at: &position, inAttribute: false) {
                    for scalar in decoded { result.append(scalar) }
                } else {
                    result.append("&")
                }
                continue
            }
            result.append(scalar)
            position += 1
        }
        return String(result)
    }

    /// Whether the `<` at `index` starts a tag, end tag, comment or declaration.
    func opensMarkup(at index: Int) -> Bool {
        guard index + 1 < input.count else { return false }
        let next = input[index + 1]
        return Self.isASCIILetter(next) || next == "/" || next == "!" || next == "?"
    }

    /// The index where raw text for `name` ends: at `</name` followed by whitespace, `/` or `>`.
    private func rawTextEnd(for name: String) -> Int {
        let nameScalars = Array(name.unicodeScalars)
        var index = position
        while index < input.count {
            if input[index] == "<", index + 1 < input.count, input[index + 1] == "/",
                matchesName(nameScalars, at: index + 2)
            {
                let after = index + 2 + nameScalars.count
                if after >= input.count || Self.isTagNameTerminator(input[after]) {
                    return index
                }
            }
            index += 1
        }
        return input.count
    }

    private func matchesName(_ name: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + name.count <= input.count else { return false }
        for (offset, scalar) in name.enumerated() where Self.lowercased(input[index + offset]) != scalar {
            return false
        }
        return true
    }

    /// Switches to raw text after a start tag that calls for it.
    mutating func enterContentMode(afterStartTag name: String) {
        if name == "plaintext" {
            mode = .plaintext
        } else if Self.rawTextElements.contains(name) {
            mode = .rawText(name)
        }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}"
    }

    static func isTagNameTerminator(_ scalar: Unicode.Scalar) -> Bool {
        isWhitespace(scalar) || scalar == "/" || scalar == ">"
    }

    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32) else { return scalar }
        return lower
    }
}
