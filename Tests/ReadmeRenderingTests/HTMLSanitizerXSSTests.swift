import Testing

@testable import ReadmeRendering

/// One attack: the source, the harmless text that must survive, and whether it is only Markdown.
struct XSSCase: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var harmless = "hello"
    var markdownOnly = false
    /// Markdown would keep it as inert text that still reads like an attack, which the checks flag.
    var sanitizerOnly = false

    var testDescription: String { name }
}

@Suite struct HTMLSanitizerXSSTests {
    static let cases: [XSSCase] = [
        XSSCase(name: "script element", source: "hello <script>alert(1)</script>"),
        XSSCase(name: "img onerror", source: "<img src=x onerror=alert(1)>hello"),
        XSSCase(name: "markdown javascript link", source: "[hello](javascript:alert(1))", markdownOnly: true),
        XSSCase(name: "markdown javascript image", source: "![hello](javascript:alert(1))", markdownOnly: true),
        XSSCase(name: "entity-encoded scheme", source: "<a href=\"jav&#x61;script:alert(1)\">hello</a>"),
        XSSCase(name: "decimal entity scheme", source: "<a href=\"&#106;avascript:alert(1)\">hello</a>"),
        XSSCase(name: "named entity colon", source: "<a href=\"javascript&colon;alert(1)\">hello</a>"),
        XSSCase(name: "leading space scheme", source: "<a href=\" javascript:alert(1)\">hello</a>"),
        XSSCase(name: "tab inside scheme", source: "<a href=\"java\tscript:alert(1)\">hello</a>"),
        XSSCase(name: "entity tab inside scheme", source: "<a href=\"java&Tab;script:alert(1)\">hello</a>"),
        XSSCase(name: "newline inside scheme", source: "<a href=\"java&#10;script:alert(1)\">hello</a>"),
        XSSCase(name: "uppercase scheme", source: "<A HREF=\"JAVASCRIPT:alert(1)\">hello</A>"),
        XSSCase(name: "control character before scheme", source: "<a href=\"&#1;javascript:alert(1)\">hello</a>"),
        XSSCase(name: "svg onload", source: "hello <svg onload=alert(1)><circle/></svg>"),
        XSSCase(name: "iframe", source: "hello <iframe src=\"https://example.org/\"></iframe>"),
        XSSCase(
            name: "iframe srcdoc", source: "hello <iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"),
        XSSCase(name: "style element", source: "hello <style>body { background: url(x) }</style>"),
        XSSCase(name: "data URL link", source: "<a href=\"data:text/html,alert(1)\">hello</a>"),
        XSSCase(name: "data URL image", source: "<img src=\"data:image/png;base64,AAAA\" alt=\"hello\">"),
        XSSCase(name: "javascript image", source: "<img src=\"javascript:alert(1)\" alt=\"hello\">"),
        XSSCase(
            name: "form and text input",
            source: "<form action=\"https://example.org/\"><input type=text name=q>hello</form>"),
        XSSCase(name: "split script tag", source: "<scr<script>ipt>alert(1)</script>hello"),
        XSSCase(name: "onclick on link", source: "<a href=\"x\" onclick=\"alert(1)\">hello</a>"),
        XSSCase(name: "onclick uppercase", source: "<p ONCLICK=\"alert(1)\" OnMouseOver=alert(1)>hello</p>"),
        XSSCase(
            name: "breakout in link title", source: "[hello](https://example.org \"\\\"><script>alert(1)</script>\")",
            markdownOnly: true),
        XSSCase(
            name: "breakout in image alt", source: "![\"><script>alert(1)</script>](https://example.org/i.png) hello",
            markdownOnly: true),
        XSSCase(
            name: "breakout in raw title",
            source: "<a href=\"https://example.org\" title='\"><script>alert(1)</script>'>hello</a>"),
        XSSCase(name: "style attribute", source: "<div style=\"background:url(javascript:alert(1))\">hello</div>"),
        XSSCase(name: "comment then script", source: "<!-- --><script>alert(1)</script>hello"),
        XSSCase(name: "script inside comment end trick", source: "<!-- --!><script>alert(1)</script>hello"),
        XSSCase(name: "base href", source: "<base href=\"javascript:alert(1)//\">hello"),
        XSSCase(
            name: "meta refresh", source: "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">hello"),
        XSSCase(name: "object", source: "<object data=\"data:text/html,x\"><param name=a value=b>alert</object>hello"),
        XSSCase(name: "embed", source: "<embed src=\"javascript:alert(1)\">hello"),
        XSSCase(name: "math", source: "<math><mtext><script>alert(1)</script></mtext></math>hello"),
        XSSCase(name: "textarea then script", source: "<textarea></textarea><script>alert(1)</script>hello"),
        XSSCase(name: "title swallowing", source: "<title></title><script>alert(1)</script>hello"),
        XSSCase(name: "malformed attribute list", source: "<a href=\"x\" <script>alert(1)</script>hello"),
        XSSCase(name: "end tag with space", source: "<script>alert(1)</script >hello"),
        XSSCase(name: "NUL in tag name", source: "<scr\u{0}ipt>alert(1)</scr\u{0}ipt>hello"),
        XSSCase(name: "unclosed attribute quote", source: "hello<img src=\"x onerror=alert(1)>", sanitizerOnly: true),
        XSSCase(
            name: "DOM clobbering id",
            source: "<form id=\"csrf_token\"><img name=\"csrf_token\" id=\"csrf_token\" src=\"x\">hello</form>"),
        XSSCase(name: "template", source: "<template><img src=x onerror=alert(1)></template>hello"),
        XSSCase(
            name: "noscript", source: "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>hello"),
        XSSCase(name: "link element", source: "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">hello"),
        XSSCase(name: "details ontoggle", source: "<details open ontoggle=alert(1)><summary>hello</summary></details>"),
        XSSCase(name: "input autofocus onfocus", source: "<input type=checkbox autofocus onfocus=alert(1)>hello"),
        XSSCase(name: "xmp", source: "<xmp><script>alert(1)</script></xmp>hello"),
        XSSCase(name: "cdata", source: "<![CDATA[<script>alert(1)</script>]]>hello"),
        XSSCase(name: "vbscript scheme", source: "<a href=\"vbscript:msgbox(1)\">hello</a>"),
    ]

    /// The asserted properties: nothing executable, the harmless text kept.
    private func expectSafe(_ html: String, keeping harmless: String, _ context: String) {
        let lowered = html.lowercased()
        #expect(!lowered.contains("<script"), "\(context): \(html)")
        #expect(!lowered.contains("javascript:"), "\(context): \(html)")
        #expect(!lowered.contains("vbscript:"), "\(context): \(html)")
        #expect(!lowered.contains("data:"), "\(context): \(html)")
        #expect(!containsEventHandlerAttribute(lowered), "\(context): \(html)")
        #expect(!lowered.contains("style="), "\(context): \(html)")
        #expect(!lowered.contains("id=\"csrf_token\""), "\(context): \(html)")
        #expect(!lowered.contains("name=\"csrf_token\""), "\(context): \(html)")
        #expect(html.contains(harmless), "\(context): \(html)")
    }

    /// ` on[a-z]+=` anywhere, as the brief's check.
    private func containsEventHandlerAttribute(_ html: String) -> Bool {
        let scalars = Array(html.unicodeScalars)
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == " ", scalars[index + 1] == "o", scalars[index + 2] == "n" {
                var end = index + 3
                while end < scalars.count, ("a"..."z").contains(scalars[end]) { end += 1 }
                if end > index + 3, end < scalars.count, scalars[end] == "=" { return true }
            }
            index += 1
        }
        return false
    }

    @Test(arguments: cases)
    func sanitizerNeutralizes(_ attack: XSSCase) {
        guard !attack.markdownOnly else { return }
        expectSafe(HTMLSanitizer.sanitize(attack.source), keeping: attack.harmless, "sanitize")
    }

    @Test(arguments: cases)
    func gfmRenderingNeutralizes(_ attack: XSSCase) throws {
        guard !attack.sanitizerOnly else { return }
        let html = try ReadmeRenderer.render(attack.source, format: .markdown(.gfm)).html
        expectSafe(html, keeping: attack.harmless, "GFM")
    }

    @Test(arguments: cases)
    func commonMarkRenderingNeutralizes(_ attack: XSSCase) throws {
        guard !attack.sanitizerOnly else { return }
        let html = try ReadmeRenderer.render(attack.source, format: .markdown(.commonMark)).html
        expectSafe(html, keeping: attack.harmless, "CommonMark")
    }

    @Test func eventHandlerCheckCanFail() {
        #expect(containsEventHandlerAttribute("<img onerror=x>"))
        #expect(!containsEventHandlerAttribute("<img src=\"x\">one=two"))
    }

    @Test func clobberingIdsArePrefixed() {
        let html = HTMLSanitizer.sanitize("<div id=\"csrf_token\"><a name=\"login\" href=\"#csrf_token\">x</a></div>")
        #expect(
            html
                == "<div id=\"user-content-csrf_token\"><a name=\"user-content-login\" href=\"#user-content-csrf_token\" rel=\"nofollow noopener noreferrer\">x</a></div>"
        )
    }
}
