import Testing

@testable import ReadmeRendering

@Suite struct ReadmeFormatTests {
    static let cases: [(String?, ReadmeFormat?)] = [
        (nil, .restructuredText),
        ("", .restructuredText),
        ("   ", .restructuredText),
        ("text/x-rst", .restructuredText),
        ("text/x-rst; charset=UTF-8", .restructuredText),
        ("TEXT/X-RST", .restructuredText),
        ("text/plain", .plainText),
        ("text/plain; charset=utf-8", .plainText),
        ("text/markdown", .markdown(.gfm)),
        ("Text/Markdown", .markdown(.gfm)),
        ("text/markdown; charset=UTF-8", .markdown(.gfm)),
        ("text/markdown; variant=GFM", .markdown(.gfm)),
        ("text/markdown;variant=gfm", .markdown(.gfm)),
        ("text/markdown; variant=CommonMark", .markdown(.commonMark)),
        ("text/markdown; charset=UTF-8; variant=commonmark", .markdown(.commonMark)),
        ("text/markdown; VARIANT=\"CommonMark\"", .markdown(.commonMark)),
        ("  text/markdown ;  variant = CommonMark  ", .markdown(.commonMark)),
        ("text/markdown; variant=Markdown2", nil),
        ("text/html", nil),
        ("application/json", nil),
        ("markdown", nil),
    ]

    @Test(arguments: cases)
    func contentTypeSelectsFormat(contentType: String?, expected: ReadmeFormat?) {
        #expect(ReadmeRenderer.format(contentType: contentType) == expected)
    }

    @Test func renderedReadmeRecordsItsFormat() throws {
        let rendered = try ReadmeRenderer.render("hi", format: .markdown(.commonMark))
        #expect(rendered.format == .markdown(.commonMark))
        #expect(rendered.html == "<p>hi</p>\n")
    }

    @Test func restructuredTextGoesThroughTheHookAndTheSanitizer() throws {
        let rendered = try ReadmeRenderer.render("Title\n=====\n\n<script>x</script> & more", format: .restructuredText)
        #expect(rendered.format == .restructuredText)
        #expect(!rendered.html.contains("<script"))
        #expect(rendered.html.contains("&amp; more"))
    }

    /// A description written as a folded `Description` header (setuptools' 8 spaces, the
    /// specification's 7 spaces and `|`) is unfolded; anything else is left as it is.
    @Test(arguments: [
        ("Title\n        =====\n        \n        Body.", "Title\n=====\n\nBody."),
        ("Title\n       |=====\n       |\n       |    code", "Title\n=====\n\n    code"),
        ("Title\n        =====\n\n        Body.\n", "Title\n=====\n\nBody.\n"),
        ("Title\n=====\n\n        indented quote", "Title\n=====\n\n        indented quote"),
        ("Title\n        one\n    two", "Title\n        one\n    two"),
        ("one line", "one line"),
        ("Title\n\n", "Title\n\n"),
    ])
    func foldedDescriptionsAreUnfolded(folded: String, text: String) {
        #expect(ReadmeRenderer.unfolded(folded) == text)
    }

    @Test func aFoldedRestructuredTextDescriptionRenders() throws {
        let folded = "Decorators for Humans\n        =====================\n        \n        The goal.\n        \n"
            + "        Installation\n        ------------\n        \n        Run it.\n"
        #expect(throws: ReadmeRenderError.self) { try RestructuredText.html(folded) }
        let rendered = try ReadmeRenderer.render(folded, format: .restructuredText)
        #expect(rendered.html.contains("<p>The goal.</p>"))
        #expect(rendered.html.contains("<h2>Installation</h2>"))
    }
}
