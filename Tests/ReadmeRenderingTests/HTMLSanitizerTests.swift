import Testing

@testable import ReadmeRendering

@Suite struct HTMLSanitizerTests {
    static let cases: [(String, String)] = [
        // Text and character references are decoded, then escaped again.
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        (
            "&lt;b&gt; &amp;amp; &#x41;&#66;&copy;&nbsp;&unknown; &amp",
            "&lt;b&gt; &amp;amp; AB©\u{A0}&amp;unknown; &amp;"
        ),
        ("&#0;&#x110000;&#x80;", "\u{FFFD}\u{FFFD}€"),
        ("a\u{0}b", "a\u{FFFD}b"),
        ("\"quotes\" 'kept'", "\"quotes\" 'kept'"),
        // A `<` that opens no markup is text.
        ("1 < 2 <3 <", "1 &lt; 2 &lt;3 &lt;"),
        // Tags: case, unquoted, single-quoted and bare attributes, self-closing void elements.
        ("<P ALIGN=Center>x</P>", "<p align=\"Center\">x</p>"),
        (
            "<img src='a.png' alt=x width=10 height=\"20%\"/>",
            "<img src=\"a.png\" alt=\"x\" width=\"10\" height=\"20%\">"
        ),
        ("<br/><br><hr class=\"docutils\">", "<br><br><hr class=\"docutils\">"),
        ("<details open><summary>s</summary></details>", "<details open><summary>s</summary></details>"),
        ("<a href=\"x\" href=\"y\">d</a>", "<a href=\"x\" rel=\"nofollow noopener noreferrer\">d</a>"),
        ("<a href=\"x\" rel=\"opener\">d</a>", "<a href=\"x\" rel=\"nofollow noopener noreferrer\">d</a>"),
        ("<a title=\"t\">no href</a>", "<a title=\"t\">no href</a>"),
        // Disallowed tags go, their text stays; comments, doctypes and CDATA go.
        ("<font color=red>red</font> <center>c</center>", "red c"),
        ("<!DOCTYPE html><html><body>x</body></html>", "x"),
        ("a<!-- c -->b<!-->c<!--->d<?php x ?>e", "abcde"),
        ("a<!-- unclosed", "a"),
        ("a<![CDATA[x>y]]>b", "ay]]&gt;b"),
        ("a</>b</ x>c", "abc"),
        // Raw text elements end at their end tag, whatever its case or spacing.
        ("<SCRIPT>x</SCRIPT >after", "after"),
        ("<script>a</scriptx>b</script>c", "c"),
        ("<style>a</style/>b", "b"),
        ("<svg><svg></svg>inner</svg>after", "after"),
        ("<svg/>kept", "kept"),
        ("<plaintext><b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        // End of input inside a tag drops the tag.
        ("a<b title=\"x", "a"),
        ("a<div", "a"),
        // Well-formedness: unclosed elements closed, stray end tags dropped, misnesting repaired.
        ("<div><p>x", "<div><p>x</p></div>"),
        ("x</div></p>", "x"),
        ("<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<p>a<p>b<div>c</div>", "<p>a</p><p>b</p><div>c</div>"),
        ("<dl><dt>t<dd>d<dt>u</dl>", "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>"),
        ("<table><tr><td>a<td>b<tr><td>c</table>", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        (
            "<a href=\"#a\">1<a href=\"#b\">2</a>",
            "<a href=\"#user-content-a\" rel=\"nofollow noopener noreferrer\">1</a><a href=\"#user-content-b\" rel=\"nofollow noopener noreferrer\">2</a>"
        ),
        ("<h1>a<h2>b</h2>", "<h1>a</h1><h2>b</h2>"),
        // Classes, ids and attribute value rules.
        ("<div class=\"admonition note\">x</div>", "<div class=\"admonition note\">x</div>"),
        ("<span class=\"a;b ok\">x</span>", "<span class=\"ok\">x</span>"),
        ("<b class=\"x\" id=\"y\">x</b>", "<b>x</b>"),
        ("<code class=\"language-c++ other\">x</code>", "<code class=\"language-c++ other\">x</code>"),
        ("<span class=\"language-c++\">x</span>", "<span>x</span>"),
        (
            "<section id=\"user-content-x\"><h2 id=\"bad id\">t</h2></section>",
            "<section id=\"user-content-x\"><h2>t</h2></section>"
        ),
        ("<ol start=\"3\" type=\"a\" reversed><li>x</li></ol>", "<ol start=\"3\" type=\"a\"><li>x</li></ol>"),
        ("<ol start=\"x\" type=\"disc\"><li>x</li></ol>", "<ol><li>x</li></ol>"),
        (
            "<table><tr><td colspan=\"2\" rowspan=x align=\"left\">a</td></tr></table>",
            "<table><tr><td colspan=\"2\" align=\"left\">a</td></tr></table>"
        ),
        (
            "<img src=\"a.png\" width=\"100px\" height=\"1e9; x\" align=\"right\">",
            "<img src=\"a.png\" width=\"100px\" align=\"right\">"
        ),
        // Inputs: checkboxes only, always disabled.
        ("<input type=\"CHECKBOX\" checked name=\"x\">", "<input type=\"checkbox\" checked disabled>"),
        ("<input type=\"text\" value=\"x\">", ""),
        ("<input>", ""),
        // Pictures: the tags go, the fallback image stays.
        (
            "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"d.png\"><img src=\"l.png\"></picture>",
            "<img src=\"l.png\">"
        ),
        // Links: schemes, fragments, attribute escaping.
        (
            "<a href=\"MAILTO:a@example.org\">m</a>",
            "<a href=\"MAILTO:a@example.org\" rel=\"nofollow noopener noreferrer\">m</a>"
        ),
        (
            "<a href=\"//example.org/x?a=1&amp;b=2\">r</a>",
            "<a href=\"//example.org/x?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer\">r</a>"
        ),
        (
            "<a href=\"  https://example.org/  \">t</a>",
            "<a href=\"https://example.org/\" rel=\"nofollow noopener noreferrer\">t</a>"
        ),
        ("<a href=\"ftp://example.org/\">f</a>", "<a>f</a>"),
        ("<a href=\"a:b/docs\">c</a>", "<a>c</a>"),
        ("<a href=\"docs/a:b\">c</a>", "<a href=\"docs/a:b\" rel=\"nofollow noopener noreferrer\">c</a>"),
        (
            "<a href=\"docs/page?q=a:b#x:y\">c</a>",
            "<a href=\"docs/page?q=a:b#x:y\" rel=\"nofollow noopener noreferrer\">c</a>"
        ),
        ("<img src=\"mailto:a@example.org\" alt=\"a\">", "<img alt=\"a\">"),
        ("<img alt='say \"hi\" & <bye>'>", "<img alt=\"say &quot;hi&quot; &amp; &lt;bye&gt;\">"),
    ]

    @Test(arguments: cases)
    func sanitizesToExpectedHTML(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }

    @Test(arguments: cases)
    func sanitizedOutputIsAFixedPoint(input: String, expected: String) {
        let once = HTMLSanitizer.sanitize(input)
        #expect(HTMLSanitizer.sanitize(once) == once)
    }

    @Test func escapeCoversTextAndAttributeCharacters() {
        #expect(
            HTMLSanitizer.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;")
    }

    @Test func legacyReferencesInAttributesFollowTheStandard() {
        #expect(
            HTMLSanitizer.sanitize("<a href=\"?a=1&copy=2&amp\">x</a>")
                == "<a href=\"?a=1&amp;copy=2&amp;\" rel=\"nofollow noopener noreferrer\">x</a>")
        #expect(HTMLSanitizer.sanitize("&copy=2") == "©=2")
    }

    @Test func deepNestingIsClosedInOrder() {
        let input = String(repeating: "<div>", count: 500) + "x"
        let output = HTMLSanitizer.sanitize(input)
        #expect(output == String(repeating: "<div>", count: 500) + "x" + String(repeating: "</div>", count: 500))
    }

    @Test func nestingIsCappedAtTheMaximumDepth() {
        let input = String(repeating: "<div>", count: 2000) + "x" + String(repeating: "<li>", count: 2000)
        let output = HTMLSanitizer.sanitize(input)
        let depth = SanitizedHTMLWriter.maximumDepth
        #expect(output == String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth))
        #expect(HTMLSanitizer.sanitize(output) == output)
    }

    @Test func docutilsMarkupKeepsItsClassesAndAnchors() {
        let input = """
            <section id="install"><h2>Install</h2>
            <div class="admonition note"><p class="admonition-title">Note</p></div>
            <pre class="literal-block">pip install x</pre>
            <p><a class="reference external" href="https://example.org/">docs</a> \
            <a class="footnote-reference brackets" href="#f1" id="r1" role="doc-noteref">1</a></p>
            <img alt="logo" class="align-center" src="logo.png" />
            <aside class="footnote brackets" id="f1" role="doc-footnote"><span class="label">1</span></aside>
            <table class="docutils"><tbody><tr><td>x</td></tr></tbody></table>
            <dl class="field-list simple"><dt>k</dt><dd>v</dd></dl></section>
            """
        let expected = """
            <section id="user-content-install"><h2>Install</h2>
            <div class="admonition note"><p class="admonition-title">Note</p></div>
            <pre class="literal-block">pip install x</pre>
            <p><a class="reference external" href="https://example.org/" rel="nofollow noopener noreferrer">docs</a> \
            <a class="footnote-reference brackets" href="#user-content-f1" id="user-content-r1" \
            rel="nofollow noopener noreferrer">1</a></p>
            <img alt="logo" class="align-center" src="logo.png">
            <aside class="footnote brackets" id="user-content-f1"><span class="label">1</span></aside>
            <table class="docutils"><tbody><tr><td>x</td></tr></tbody></table>
            <dl class="field-list simple"><dt>k</dt><dd>v</dd></dl></section>
            """
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }
}
