/// reStructuredText to HTML (body only, unsanitized; a sanitizer runs afterwards).
///
/// Behaves like docutils as PyPI's readme_renderer configures it: any WARNING or worse fails
/// rendering (halt_level 2), `raw` and `include` are disabled, a lone top-level section title is
/// promoted to the document title and left out of the body, sections start at `<h2>`.
enum RestructuredText {
    static func html(_ source: String) throws(ReadmeRenderError) -> String {
        var parser = RSTParser()
        let text = source.hasPrefix("\u{FEFF}") ? String(source.dropFirst()) : source
        let blocks = try parser.parseBody(RSTLine.split(text), depth: 0, top: true)
        if parser.anonymousReferenceCount != parser.anonymousTargets.count {
            throw .rst(parser.anonymousReferenceLine == 0 ? 1 : parser.anonymousReferenceLine, .error,
                       "Anonymous hyperlink mismatch: \(parser.anonymousReferenceCount) references but \(parser.anonymousTargets.count) targets.")
        }
        let document = RSTDocTitle.apply(blocks)
        try RSTTransitions.check(document, isDocument: true)
        var writer = RSTHTMLWriter(definitions: parser, document: document)
        return try writer.write()
    }
}
