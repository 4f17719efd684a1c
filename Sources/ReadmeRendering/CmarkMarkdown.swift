import CCmarkGFM
import Synchronization

/// Markdown to HTML (unsanitized) with Debian's cmark-gfm, as readme_renderer does with cmarkgfm.
enum CmarkMarkdown {
    /// The GFM extensions PyPI enables, in cmarkgfm's order.
    private static let gfmExtensionNames = ["table", "autolink", "tagfilter", "strikethrough", "tasklist"]

    /// cmark-gfm registers its core extensions in an unguarded C static; Swift's lazy `static let`
    /// runs this exactly once, so concurrent first renders cannot race on it.
    private static let coreExtensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps the inline parser's table of special characters in a C global: attaching
    /// an extension adds its characters (`~` for strikethrough) and freeing a parser removes
    /// them, so a parser finishing on one thread changes what another is parsing (seen in CI:
    /// `~~b~~` left as text). One render at a time; a README renders in well under a millisecond.
    private static let parsing = Mutex(())

    /// Renders `source`. Raw HTML is kept (`CMARK_OPT_UNSAFE`): the sanitizer deals with it.
    /// `CMARK_OPT_GITHUB_PRE_LANG` is left off so fenced code keeps `class="language-x"` on `<code>`.
    static func html(_ source: String, variant: MarkdownVariant) -> String {
        parsing.withLock { _ in render(source, variant: variant) }
    }

    private static func render(_ source: String, variant: MarkdownVariant) -> String {
        var options = CMARK_OPT_UNSAFE
        if variant == .gfm {
            options |= CMARK_OPT_FOOTNOTES
        }
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        if variant == .gfm, coreExtensionsRegistered {
            for name in gfmExtensionNames {
                if let syntaxExtension = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, syntaxExtension)
                }
            }
        }
        var bytes = Array(source.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    cmark_parser_feed(parser, base, chars.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
