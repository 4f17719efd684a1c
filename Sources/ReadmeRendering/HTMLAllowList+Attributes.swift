extension HTMLAllowList {
    /// The prefix put on user ids and names, and on the `#fragments` that point at them.
    static let identifierPrefix = "user-content-"

    /// What every `<a href>` gets, replacing any `rel` of its own.
    static let linkRelation = "nofollow noopener noreferrer"

    /// Attributes written without a value.
    static let booleanAttributes: Set<String> = ["checked", "disabled", "open"]

    /// The allowed attributes of `element`, checked and normalized, in input order (`rel` last);
    /// `nil` when the element itself must go (an `<input>` that is not a checkbox).
    static func filteredAttributes(_ attributes: [HTMLAttribute], on element: String) -> [HTMLAttribute]? {
        if element == "input" {
            return checkboxAttributes(attributes)
        }
        var result: [HTMLAttribute] = []
        for attribute in attributes {
            guard let rule = rule(for: attribute.name, on: element),
                let value = normalized(attribute.value, rule: rule, on: element)
            else { continue }
            result.append(HTMLAttribute(name: attribute.name, value: value))
        }
        if element == "a", result.contains(where: { $0.name == "href" }) {
            result.append(HTMLAttribute(name: "rel", value: linkRelation))
        }
        return result
    }

    /// Task-list checkboxes only, always disabled (as readme_renderer's checkbox filter insists).
    private static func checkboxAttributes(_ attributes: [HTMLAttribute]) -> [HTMLAttribute]? {
        guard let type = attributes.first(where: { $0.name == "type" }),
            trimmed(type.value).lowercased() == "checkbox"
        else { return nil }
        var result = [HTMLAttribute(name: "type", value: "checkbox")]
        if attributes.contains(where: { $0.name == "checked" }) {
            result.append(HTMLAttribute(name: "checked", value: ""))
        }
        result.append(HTMLAttribute(name: "disabled", value: ""))
        return result
    }

    /// The value to write for `value` under `rule`, or `nil` to drop the attribute.
    static func normalized(_ value: String, rule: Rule, on element: String) -> String? {
        switch rule {
        case .text:
            return value
        case .boolean:
            return ""
        case .identifier:
            return prefixedIdentifier(trimmed(value))
        case .className:
            let allowLanguage = element == "code" || element == "pre"
            let tokens = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" })
                .map(String.init)
                .filter { isClassToken($0) || (allowLanguage && isLanguageClass($0)) }
            return tokens.isEmpty ? nil : tokens.joined(separator: " ")
        case .linkURL:
            guard let url = URLPolicy.safeURL(value, allowedSchemes: ["http", "https", "mailto"]) else { return nil }
            return fragmentRewritten(url)
        case .imageURL:
            return URLPolicy.safeURL(value, allowedSchemes: ["http", "https"])
        case .keyword:
            let keyword = trimmed(value)
            return !keyword.isEmpty && keyword.unicodeScalars.allSatisfy(isASCIILetter) ? keyword : nil
        case .integer:
            let number = trimmed(value)
            let digits = number.hasPrefix("-") ? String(number.dropFirst()) : number
            return (1...9).contains(digits.count) && digits.unicodeScalars.allSatisfy(isDigit) ? number : nil
        case .dimension:
            let dimension = trimmed(value)
            var number = Substring(dimension)
            if number.hasSuffix("%") {
                number = number.dropLast()
            } else if number.hasSuffix("px") {
                number = number.dropLast(2)
            }
            return !number.isEmpty && number.count <= 12
                && number.unicodeScalars.allSatisfy { isDigit($0) || $0 == "." }
                ? dimension : nil
        case .listType:
            let type = trimmed(value)
            return ["1", "a", "A", "i", "I"].contains(type) ? type : nil
        }
    }

    /// `id`/`name` values matching `[A-Za-z0-9_:.-]+`, prefixed with ``identifierPrefix``.
    static func prefixedIdentifier(_ value: String) -> String? {
        guard !value.isEmpty, value.count <= 256, value.unicodeScalars.allSatisfy(isIdentifierScalar) else {
            return nil
        }
        return value.hasPrefix(identifierPrefix) ? value : identifierPrefix + value
    }

    /// `#x` becomes `#user-content-x`, matching the prefixed ids.
    private static func fragmentRewritten(_ url: String) -> String {
        guard url.hasPrefix("#"), let identifier = prefixedIdentifier(String(url.dropFirst())) else { return url }
        return "#" + identifier
    }

    private static func isClassToken(_ token: String) -> Bool {
        token.count <= 64 && token.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    private static func isLanguageClass(_ token: String) -> Bool {
        guard token.hasPrefix("language-"), token.count > 9, token.count <= 64 else { return false }
        return token.dropFirst(9).unicodeScalars.allSatisfy {
            isASCIIAlphanumeric($0) || $0 == "_" || $0 == "-" || $0 == "+"
        }
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "_" || scalar == ":" || scalar == "." || scalar == "-"
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || isDigit(scalar)
    }

    /// `value` without leading and trailing ASCII whitespace.
    static func trimmed(_ value: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { HTMLTokenizer.isWhitespace($0) || $0 == "\r" }
        var scalars = Substring(value).unicodeScalars
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }
}
