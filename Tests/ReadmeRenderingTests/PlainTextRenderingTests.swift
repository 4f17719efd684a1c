import Testing

@testable import ReadmeRendering

@Suite struct PlainTextRenderingTests {
    @Test func newlinesBecomeLineBreaksWithoutPre() throws {
        let rendered = try ReadmeRenderer.render("line one\nline two\n", format: .plainText)
        #expect(rendered.html == "line one<br>line two<br>")
    }

    @Test func markupIsEscapedNotRendered() throws {
        let rendered = try ReadmeRenderer.render("<b>bold</b> & \"quoted\" 'single'", format: .plainText)
        #expect(rendered.html == "&lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" 'single'")
    }

    @Test func carriageReturnsCountAsNewlines() throws {
        let rendered = try ReadmeRenderer.render("a\r\nb\rc", format: .plainText)
        #expect(rendered.html == "a<br>b<br>c")
    }

    @Test func scriptTextStaysInert() throws {
        let rendered = try ReadmeRenderer.render("<script>alert(1)</script>", format: .plainText)
        #expect(rendered.html == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func emptyTextRendersEmpty() throws {
        #expect(try ReadmeRenderer.render("", format: .plainText).html == "")
    }
}
