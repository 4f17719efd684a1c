extension DependencyParser {
    /// The pieces of a requirement before they become typed values.
    struct ParsedRequirement {
        var name: String
        var url = ""
        var extras: [String] = []
        var specifier = ""
        var marker: MarkerList?
    }

    /// `WS? IDENTIFIER WS? extras WS? requirement_details END`
    mutating func parseRequirement() throws(Failure) -> ParsedRequirement {
        scanner.skipWhitespace()
        guard let name = scanner.consumeIdentifier() else {
            throw scanner.error("Expected package name at the start of dependency specifier")
        }
        var parsed = ParsedRequirement(name: name)
        scanner.skipWhitespace()
        parsed.extras = try parseExtras()
        scanner.skipWhitespace()
        try parseDetails(into: &parsed)
        try expectEnd("end of dependency specifier")
        return parsed
    }

    /// `'@' WS? URL (WS marker?)?` or `specifier WS? marker?`
    private mutating func parseDetails(into parsed: inout ParsedRequirement) throws(Failure) {
        if scanner.consume("@") {
            scanner.skipWhitespace()
            let urlStart = scanner.position
            guard let url = scanner.consumeURL() else {
                throw scanner.error("Expected URL after @")
            }
            parsed.url = url
            scanner.skipWhitespace()
            if scanner.isAtEnd {
                return
            }
            parsed.marker = try parseRequirementMarker(
                from: urlStart, expected: "semicolon (after URL and whitespace)")
            return
        }
        let specifierStart = scanner.position
        parsed.specifier = try parseSpecifier()
        scanner.skipWhitespace()
        if scanner.isAtEnd {
            return
        }
        parsed.marker = try parseRequirementMarker(
            from: specifierStart,
            expected: parsed.specifier.isEmpty
                ? "semicolon (after name with no version specifier)"
                : "comma (within version specifier), semicolon (after version specifier)")
    }

    private mutating func parseRequirementMarker(from start: Int, expected: String) throws(Failure)
        -> MarkerList
    {
        guard scanner.consume(";") else {
            throw scanner.error("Expected \(expected) or end", from: start)
        }
        let marker = try parseMarker()
        scanner.skipWhitespace()
        return marker
    }

    /// `'[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']'`, or nothing.
    private mutating func parseExtras() throws(Failure) -> [String] {
        guard scanner.sees("[") else { return [] }
        let open = scanner.position
        scanner.position += 1
        scanner.skipWhitespace()
        var extras: [String] = []
        if let first = scanner.consumeIdentifier() {
            extras.append(first)
            while true {
                scanner.skipWhitespace()
                var lookahead = scanner
                if lookahead.consumeIdentifier() != nil {
                    throw scanner.error("Expected comma between extra names")
                }
                guard scanner.consume(",") else { break }
                scanner.skipWhitespace()
                guard let extra = scanner.consumeIdentifier() else {
                    throw scanner.error("Expected extra name after comma")
                }
                extras.append(extra)
            }
        }
        scanner.skipWhitespace()
        guard scanner.consume("]") else {
            throw scanner.error(
                "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", from: open)
        }
        return extras
    }

    /// `'(' WS? version_many WS? ')'` or `WS? version_many WS?`
    private mutating func parseSpecifier() throws(Failure) -> String {
        let open = scanner.position
        let parenthesised = scanner.consume("(")
        scanner.skipWhitespace()
        let specifiers = try parseVersionMany()
        scanner.skipWhitespace()
        if parenthesised && !scanner.consume(")") {
            throw scanner.error(
                "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier",
                from: open)
        }
        return specifiers
    }

    /// `(SPECIFIER (WS? ',' WS? SPECIFIER)*)?`, joined without whitespace.
    private mutating func parseVersionMany() throws(Failure) -> String {
        var joined = ""
        while true {
            let start = scanner.position
            guard let specifier = scanner.consumeSpecifier() else { break }
            joined += specifier
            if scanner.sees(".*") {
                throw scanner.error(
                    ".* suffix can only be used with `==` or `!=` operators", from: start,
                    to: scanner.position + 1)
            }
            if scanner.sees("+"), let next = scanner.scalar(at: scanner.position + 1),
                ("a"..."z").contains(next) || ("0"..."9").contains(next)
            {
                throw scanner.error(
                    "Local version label can only be used with `==` or `!=` operators", from: start)
            }
            scanner.skipWhitespace()
            guard scanner.consume(",") else { break }
            joined += ","
            scanner.skipWhitespace()
        }
        return joined
    }
}
