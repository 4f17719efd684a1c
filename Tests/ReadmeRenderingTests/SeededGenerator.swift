/// SplitMix64: a deterministic random number generator for reproducible generated inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds random tag soup from pieces that exercise the tokenizer's edge cases.
struct TagSoupGenerator {
    var random: SeededGenerator

    /// Allowed elements, drawn more often so that output keeps markup.
    static let keptTagNames = [
        "a", "A", "img", "div", "p", "b", "table", "td", "details", "input", "li", "ol", "code", "span",
    ]
    static let tagNames = [
        "a", "A", "img", "IMG", "script", "Script", "style", "div", "p", "b", "i", "table", "tr", "td",
        "svg", "math", "iframe", "object", "template", "textarea", "title", "xmp", "details", "summary",
        "input", "form", "font", "li", "ul", "ol", "code", "pre", "span", "section", "h1", "br", "hr",
        "picture", "source", "noscript", "plaintext", "base", "meta", "scr<script", "embed", "dl", "dt",
    ]
    static let attributes = [
        "href=\"javascript:alert(1)\"", "href=x", "href='#frag'", "href=\" jav&#x61;script:x\"",
        "href=\"java\tscript:x\"", "href=\"https://example.org/?a=1&b=2\"", "href=mailto:a@example.org",
        "src=data:x", "src=\"https://example.org/a.png\"", "src=\"JaVaScRiPt:x\"", "onclick=alert(1)",
        "ONLOAD='x'", "style=\"color:red\"", "id=csrf", "id='a b'", "class=\"x y\"", "class=language-c++",
        "title=\"a\\\"b\"", "title='\"><script>'", "alt=", "checked", "type=checkbox", "type=text",
        "name=n", "rel=opener", "align=center", "colspan=2", "start=-3", "width=50%", "\"", "'", "<", "=x",
        "/", "open",
    ]
    static let texts = [
        "hello", "&amp;", "&lt;", "&#x3c;", "&", "<", ">", "\"", "'", "\u{0}", "é", "&nbsp", "javascript:",
        " ", "\n", "<!--", "-->", "<!", "</", "<?", "]]>", "<![CDATA[", "&#0;", "--!>", "&copy=", "\r\n",
    ]

    mutating func pick(_ options: [String]) -> String {
        options[Int(random.next() % UInt64(options.count))]
    }

    mutating func chance(_ percent: UInt64) -> Bool {
        random.next() % 100 < percent
    }

    mutating func soup() -> String {
        var html = ""
        let pieces = 1 + Int(random.next() % 30)
        for _ in 0..<pieces {
            switch random.next() % 4 {
            case 0:
                html += "<" + pick(chance(60) ? Self.keptTagNames : Self.tagNames)
                for _ in 0..<Int(random.next() % 4) {
                    html += (chance(90) ? " " : "") + pick(Self.attributes)
                }
                if chance(10) { html += "/" }
                if chance(95) { html += ">" }
            case 1:
                html += "</" + pick(Self.tagNames) + (chance(20) ? " " : "") + ">"
            case 2:
                html += chance(50) ? "<!-- " + pick(Self.texts) + " -->" : pick(Self.texts)
            default:
                html += pick(Self.texts)
            }
        }
        return html
    }
}
