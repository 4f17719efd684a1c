/// reStructuredText to HTML (body only, unsanitized). Replaced by the full parser.
enum RestructuredText { static func html(_ source: String) throws(ReadmeRenderError) -> String { "<pre>" + HTMLSanitizer.escape(source) + "</pre>" } }
