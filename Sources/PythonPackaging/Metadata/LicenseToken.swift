/// One token of a license expression, as `packaging.licenses` splits it: a parenthesis, or a
/// run of characters between Python whitespace and parentheses.
struct LicenseToken {
    /// The token as written.
    let original: Substring
    /// The token lower-cased as Python's `str.lower()` does.
    let lowered: String
    /// `(`, `)`, `AND`, `OR` or `WITH` when the token is one (in any case); `nil` otherwise.
    let keyword: String?

    init(_ original: Substring) {
        self.original = original
        lowered = PythonText.lower(String(original))
        switch lowered {
        case "(", ")": keyword = lowered
        case "and": keyword = "AND"
        case "or": keyword = "OR"
        case "with": keyword = "WITH"
        default: keyword = nil
        }
    }

    /// The tokens of `text`: `packaging` pads parentheses with spaces and splits on whitespace.
    static func split(_ text: String) -> [LicenseToken] {
        var tokens: [LicenseToken] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isParenthesis = scalar == "(" || scalar == ")"
            if isParenthesis || PythonWhitespace.contains(scalar) {
                if let begin = start { tokens.append(LicenseToken(text[begin..<index])) }
                start = nil
                let next = scalars.index(after: index)
                if isParenthesis { tokens.append(LicenseToken(text[index..<next])) }
                index = next
            } else {
                if start == nil { start = index }
                index = scalars.index(after: index)
            }
        }
        if let begin = start { tokens.append(LicenseToken(text[begin...])) }
        return tokens
    }

    /// CPython's tokenizer refuses more nested parentheses than this.
    static let maximumDepth = 200

    /// Whether the tokens form an expression: operands (anything but a keyword) joined by
    /// `AND`, `OR` or `WITH`, in balanced parentheses. `packaging` checks this by compiling the
    /// expression as Python with every operand replaced by `False` and `WITH` by `or`, after
    /// refusing `(` right after an operand or `)` and an empty `()`.
    static func isWellFormed(_ tokens: [LicenseToken]) -> Bool {
        var expectsOperand = true
        var depth = 0
        for token in tokens {
            switch token.keyword {
            case "(":
                depth += 1
                guard expectsOperand, depth <= maximumDepth else { return false }
            case ")":
                depth -= 1
                guard !expectsOperand, depth >= 0 else { return false }
            case .some:
                guard !expectsOperand else { return false }
                expectsOperand = true
            case nil:
                guard expectsOperand else { return false }
                expectsOperand = false
            }
        }
        return !expectsOperand && depth == 0
    }
}
