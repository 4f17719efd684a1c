/// Renders a Python project's long description to safe HTML the way PyPI's readme_renderer does.
public enum ReadmeRenderer {
    /// PyPI's rules for `Description-Content-Type` (core metadata 2.1, PEP 566): a missing or blank
    /// value means `text/x-rst`; `text/markdown` takes an optional `variant=GFM|CommonMark`
    /// (default GFM, case-insensitive); `text/plain`; any `charset` parameter is ignored.
    /// Unknown types and unknown Markdown variants give `nil` (the upload path already refuses them).
    public static func format(contentType: String?) -> ReadmeFormat? {
        guard let contentType, !contentType.allSatisfy(\.isWhitespace) else {
            return .restructuredText
        }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = trimmed(parts.first.map(String.init) ?? "").lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = trimmed(String(part[..<equals])).lowercased()
            var value = trimmed(String(part[part.index(after: equals)...]))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if parameters[key] == nil { parameters[key] = value }
        }
        switch mediaType {
        case "text/plain":
            return .plainText
        case "text/x-rst":
            return .restructuredText
        case "text/markdown":
            switch parameters["variant"]?.lowercased() {
            case nil, "gfm": return .markdown(.gfm)
            case "commonmark": return .markdown(.commonMark)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Renders `text` in `format` and sanitizes the result with ``HTMLSanitizer``.
    /// Markdown and plain text never fail; reStructuredText throws when the document is invalid.
    /// A description folded as a `Description` header is unfolded first (``unfolded(_:)``).
    public static func render(_ text: String, format: ReadmeFormat) throws(ReadmeRenderError) -> RenderedReadme {
        let text = unfolded(text)
        let unsafeHTML: String
        switch format {
        case .markdown(let variant):
            unsafeHTML = CmarkMarkdown.html(text, variant: variant)
        case .restructuredText:
            unsafeHTML = try RestructuredText.html(text)
        case .plainText:
            unsafeHTML = plainTextHTML(text)
        }
        return RenderedReadme(html: HTMLSanitizer.sanitize(unsafeHTML), format: format)
    }

    /// The text of a description written as a folded `Description` header (metadata before 2.1):
    /// every line after the first carries the folding prefix, 8 spaces as setuptools wrote it or
    /// 7 spaces and `|` as the core metadata specification has it, and the prefix is not part of
    /// the text. Clients send such a description as they read it, prefix and all (twine parses
    /// with `packaging`, which keeps it), and the first line at column 0 against an indented rest
    /// is invalid reStructuredText. Text without the prefix on every following line is unchanged.
    public static func unfolded(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return text }
        let rest = lines.dropFirst()
        for prefix in ["        ", "       |"] {
            guard rest.allSatisfy({ $0.isEmpty || $0.hasPrefix(prefix) }), rest.contains(where: { !$0.isEmpty })
            else { continue }
            for index in lines.indices.dropFirst() where !lines[index].isEmpty {
                lines[index] = lines[index].dropFirst(prefix.count)
            }
            return lines.joined(separator: "\n")
        }
        return text
    }

    /// readme_renderer's txt.py: the escaped text with every newline turned into `<br>`, no `<pre>`.
    static func plainTextHTML(_ text: String) -> String {
        var lines: [String] = []
        var current = ""
        var previousWasCarriageReturn = false
        for character in text.unicodeScalars {
            if character == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = character == "\r"
            if character == "\n" || character == "\r" {
                lines.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(character)
            }
        }
        lines.append(current)
        return lines.map(HTMLSanitizer.escape).joined(separator: "<br>")
    }

    private static func trimmed(_ value: String) -> String {
        var scalars = Substring(value)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
