/// What the sanitizer lets through, modelled on readme_renderer's clean.py (bleach) with the
/// additions GitHub-style READMEs and the reStructuredText writer need.
///
/// `<picture>` and `<source>` are not allowed: the tags go and the `<img>` fallback inside a
/// `<picture>` stays, so dark-mode logos still show one image.
enum HTMLAllowList {
    /// Elements written out (with filtered attributes); any other tag is dropped, its text kept.
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "ol", "p",
        "pre", "s", "section", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "tt", "ul", "var",
    ]

    /// Elements dropped together with everything inside them.
    static let contentDroppingElements: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title",
        "xmp", "noembed", "noframes", "svg", "math",
    ]

    /// Elements that never have content or an end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    ]

    /// How an attribute's value is checked.
    enum Rule: Sendable {
        /// Any text.
        case text
        /// `[A-Za-z0-9_:.-]+`, prefixed `user-content-` (so user ids cannot clobber page globals).
        case identifier
        /// Space-separated `[A-Za-z0-9_-]+` tokens, or `language-[A-Za-z0-9_+-]+` on code.
        case className
        /// A link: http, https, mailto or relative; `#x` becomes `#user-content-x`.
        case linkURL
        /// An image source: http, https or relative.
        case imageURL
        /// Letters only (`left`, `center`, ...).
        case keyword
        /// Decimal digits, optionally negative.
        case integer
        /// A width or height: digits, `.`, `%`, `px`.
        case dimension
        /// An `<ol type>`: one of `1 a A i I`.
        case listType
        /// Present or absent; written without a value.
        case boolean
    }

    private static let tables: Set<String> = ["table", "thead", "tbody", "tfoot", "tr", "caption"]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    private static let withIdentifier: Set<String> = headings.union([
        "section", "aside", "div", "span", "a", "li", "dt", "sup", "p", "figure",
    ])
    private static let withClass: Set<String> = headings.union([
        "div", "span", "code", "pre", "table", "p", "ol", "ul", "a", "img", "section", "aside",
        "th", "td", "dl", "hr", "tt", "figure",
    ])
    private static let withAlign: Set<String> = headings.union(tables).union([
        "p", "div", "img", "th", "td", "col", "colgroup",
    ])

    /// The rule for `attribute` on `element`, or `nil` when the attribute is not allowed there.
    /// Event handlers (`on*`) and `style` have no rule anywhere.
    static func rule(for attribute: String, on element: String) -> Rule? {
        switch attribute {
        case "id": return withIdentifier.contains(element) ? .identifier : nil
        case "class": return withClass.contains(element) ? .className : nil
        case "align": return withAlign.contains(element) ? .keyword : nil
        case "title": return ["a", "abbr", "acronym", "img"].contains(element) ? .text : nil
        default: break
        }
        switch (element, attribute) {
        case ("a", "href"): return .linkURL
        case ("a", "name"): return .identifier
        case ("img", "src"): return .imageURL
        case ("img", "alt"): return .text
        case ("img", "width"), ("img", "height"): return .dimension
        case ("ol", "start"): return .integer
        case ("ol", "type"): return .listType
        case ("td", "colspan"), ("td", "rowspan"), ("th", "colspan"), ("th", "rowspan"): return .integer
        case ("col", "span"), ("colgroup", "span"): return .integer
        case ("details", "open"): return .boolean
        default: return nil
        }
    }
}
