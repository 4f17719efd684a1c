/// `Import-Name` and `Import-Namespace` rules of `packaging.metadata` (PEP 794): dotted Python
/// identifiers that are not keywords, optionally followed by `; private`.
enum ImportNameRules {
    static func problem(with values: [String], field: MetadataField) -> String? {
        let label = PythonRepr.quote(field.rawValue)
        for value in values {
            let semicolon = value.firstIndex(of: ";")
            let name = String(value[..<(semicolon ?? value.endIndex)]).pythonRightStripped()
            for identifier in name.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                if !isIdentifier(identifier) {
                    return
                        "\(PythonRepr.quote(name)) is invalid for \(label); \(PythonRepr.quote(identifier)) is not a valid identifier"
                }
                if keywords.contains(identifier) {
                    return
                        "\(PythonRepr.quote(name)) is invalid for \(label); \(PythonRepr.quote(identifier)) is a keyword"
                }
            }
            if let semicolon,
                String(value[value.index(after: semicolon)...].unicodeScalars.drop(while: PythonWhitespace.contains))
                    != "private"
            {
                return "\(PythonRepr.quote(value)) is invalid for \(label); the only valid option is 'private'"
            }
        }
        return nil
    }

    /// `str.isidentifier`: XID_Start or `_`, then XID_Continue.
    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isXIDStart else {
            return false
        }
        return text.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
    }

    /// `keyword.kwlist`.
    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ]
}

extension String {
    /// Python's `str.rstrip()`.
    fileprivate func pythonRightStripped() -> String {
        guard let last = unicodeScalars.lastIndex(where: { !PythonWhitespace.contains($0) }) else { return "" }
        return String(unicodeScalars[...last])
    }
}
