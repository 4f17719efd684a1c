/// The `Description-Content-Type` rule of `packaging.metadata` (core metadata 2.1): one of
/// `text/plain`, `text/x-rst`, `text/markdown`; charset, if given, exactly `UTF-8`; Markdown
/// variant, if given, `GFM` or `CommonMark`.
enum DescriptionContentType {
    static func problem(with value: String) -> String? {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        let type = PythonWhitespace.trimmedString(parts[0]).lowercased()
        guard ["text/plain", "text/x-rst", "text/markdown"].contains(type) else {
            return "'description-content-type' must be one of "
                + "['text/plain', 'text/x-rst', 'text/markdown'], not \(PythonRepr.quote(value))"
        }
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = PythonWhitespace.trimmedString(part[..<equals]).lowercased()
            var text = PythonWhitespace.trimmedString(part[part.index(after: equals)...])
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
                text = String(text.dropFirst().dropLast())
            }
            parameters[key] = text
        }
        let charset = parameters["charset"] ?? "UTF-8"
        guard charset == "UTF-8" else {
            return "'description-content-type' can only specify the UTF-8 charset, not \(PythonRepr.quote(charset))"
        }
        let variant = parameters["variant"] ?? "GFM"
        guard type != "text/markdown" || variant == "GFM" || variant == "CommonMark" else {
            return "valid Markdown variants for 'description-content-type' are ['GFM', 'CommonMark'], "
                + "not \(PythonRepr.quote(variant))"
        }
        return nil
    }
}
