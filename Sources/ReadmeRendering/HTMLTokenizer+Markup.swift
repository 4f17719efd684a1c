extension HTMLTokenizer {
    /// Reads the markup at `position` (a `<`), or returns `nil` and leaves `position` alone when
    /// the `<` is plain text.
    mutating func markup() -> HTMLToken? {
        guard opensMarkup(at: position) else { return nil }
        let next = input[position + 1]
        if Self.isASCIILetter(next) {
            position += 1
            return startTag()
        }
        if next == "/" {
            return endTagOrBogusComment()
        }
        if next == "!" {
            position += 2
            if hasPrefix("--") {
                position += 2
                skipComment()
                return .comment
            }
            skipBogusComment()
            return .comment
        }
        // `<?`: a processing instruction is a bogus comment in HTML.
        position += 1
        skipBogusComment()
        return .comment
    }

    private mutating func startTag() -> HTMLToken {
        let name = tagName()
        guard let (attributes, selfClosing) = attributesUntilTagEnd() else {
            return .comment  // end of input inside a tag: the tag is dropped, as browsers do
        }
        enterContentMode(afterStartTag: name)
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func endTagOrBogusComment() -> HTMLToken {
        guard position + 2 < input.count else {
            return .text(takeRest())
        }
        let first = input[position + 2]
        if first == ">" {
            position += 3
            return .comment
        }
        guard Self.isASCIILetter(first) else {
            position += 2
            skipBogusComment()
            return .comment
        }
        position += 2
        let name = tagName()
        guard attributesUntilTagEnd() != nil else { return .comment }
        return .endTag(name: name)
    }

    private mutating func takeRest() -> String {
        let rest = String(String.UnicodeScalarView(input[position...]))
        position = input.count
        return rest
    }

    /// A lowercased tag name up to whitespace, `/` or `>`.
    private mutating func tagName() -> String {
        var name = String.UnicodeScalarView()
        while position < input.count, !Self.isTagNameTerminator(input[position]) {
            name.append(Self.lowercased(input[position]))
            position += 1
        }
        return String(name)
    }

    /// Attributes up to and including the closing `>`; `nil` when the input ends first.
    private mutating func attributesUntilTagEnd() -> ([HTMLAttribute], Bool)? {
        var attributes: [HTMLAttribute] = []
        var seen: Set<String> = []
        while true {
            skipWhitespace()
            guard position < input.count else { return nil }
            let scalar = input[position]
            if scalar == ">" {
                position += 1
                return (attributes, false)
            }
            if scalar == "/" {
                position += 1
                if position < input.count, input[position] == ">" {
                    position += 1
                    return (attributes, true)
                }
                continue
            }
            let name = attributeName()
            skipWhitespace()
            var value = ""
            if position < input.count, input[position] == "=" {
                position += 1
                skipWhitespace()
                guard let read = attributeValue() else { return nil }
                value = read
            }
            if seen.insert(name).inserted {
                attributes.append(HTMLAttribute(name: name, value: value))
            }
        }
    }

    /// An attribute name; its first character may be `=`, as in the standard.
    private mutating func attributeName() -> String {
        var name = String.UnicodeScalarView()
        name.append(Self.lowercased(input[position]))
        position += 1
        while position < input.count {
            let scalar = input[position]
            if Self.isTagNameTerminator(scalar) || scalar == "=" { break }
            name.append(Self.lowercased(scalar))
            position += 1
        }
        return String(name)
    }

    /// A quoted or unquoted value with character references decoded; `nil` at an unclosed quote.
    private mutating func attributeValue() -> String? {
        guard position < input.count else { return "" }
        let quote = input[position]
        let isQuoted = quote == "\"" || quote == "'"
        if isQuoted { position += 1 }
        var value = String.UnicodeScalarView()
        while position < input.count {
            let scalar = input[position]
            if isQuoted && scalar == quote {
                position += 1
                return String(value)
            }
            if !isQuoted && (Self.isWhitespace(scalar) || scalar == ">") {
                return String(value)
            }
            position += 1
            if scalar == "&",
                let decoded = HTMLCharacterReference.decode(input, at: &position, inAttribute: true)
            {
                for scalar in decoded { value.append(scalar) }
            } else {
                value.append(scalar)
            }
        }
        return isQuoted ? nil : String(value)
    }

    private mutating func skipWhitespace() {
        while position < input.count, Self.isWhitespace(input[position]) { position += 1 }
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        var index = position
        for scalar in prefix.unicodeScalars {
            guard index < input.count, input[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    /// Skips a comment body after `<!--`: up to `-->` or `--!>`, or `<!-->`/`<!--->`, or the end.
    private mutating func skipComment() {
        if hasPrefix(">") {
            position += 1
            return
        }
        if hasPrefix("->") {
            position += 2
            return
        }
        while position < input.count {
            if hasPrefix("-->") {
                position += 3
                return
            }
            if hasPrefix("--!>") {
                position += 4
                return
            }
            position += 1
        }
    }

    /// Skips a doctype, CDATA section, processing instruction or bogus comment up to `>`.
    private mutating func skipBogusComment() {
        while position < input.count {
            let scalar = input[position]
            position += 1
            if scalar == ">" { return }
        }
    }
}
