import Testing

@testable import ReadmeRendering

@Suite struct MarkdownRenderingTests {
    private func gfm(_ source: String) throws -> String {
        try ReadmeRenderer.render(source, format: .markdown(.gfm)).html
    }

    private func commonMark(_ source: String) throws -> String {
        try ReadmeRenderer.render(source, format: .markdown(.commonMark)).html
    }

    @Test func gfmRendersTablesWithAlignment() throws {
        let html = try gfm("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"left\">a</th>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
    }

    @Test func commonMarkHasNoTables() throws {
        let html = try commonMark("| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(!html.contains("<table"))
        #expect(html.contains("| a | b |"))
    }

    @Test func gfmRendersStrikethrough() throws {
        #expect(try gfm("~~gone~~") == "<p><del>gone</del></p>\n")
        #expect(try commonMark("~~gone~~") == "<p>~~gone~~</p>\n")
    }

    @Test func gfmAutolinksBareURLsWithNofollow() throws {
        let html = try gfm("see https://example.org/docs and www.example.com")
        #expect(
            html.contains(
                "<a href=\"https://example.org/docs\" rel=\"nofollow noopener noreferrer\">https://example.org/docs</a>"
            ))
        #expect(
            html.contains("<a href=\"http://www.example.com\" rel=\"nofollow noopener noreferrer\">www.example.com</a>")
        )
        #expect(!(try commonMark("see https://example.org/docs")).contains("<a"))
    }

    @Test func gfmRendersTaskListsAsDisabledCheckboxes() throws {
        let html = try gfm("- [ ] todo\n- [x] done\n")
        #expect(html.contains("<li><input type=\"checkbox\" disabled> todo</li>"))
        #expect(html.contains("<li><input type=\"checkbox\" checked disabled> done</li>"))
    }

    @Test func fencedCodeKeepsItsLanguageClassWithoutHighlighting() throws {
        let html = try gfm("```python\nprint(\"hi\") < 2\n```\n")
        #expect(html == "<pre><code class=\"language-python\">print(\"hi\") &lt; 2\n</code></pre>\n")
        #expect(try commonMark("```c++\nint x;\n```\n").contains("<code class=\"language-c++\">"))
    }

    @Test func gfmRendersFootnotesWithPrefixedIds() throws {
        let html = try gfm("Text[^1].\n\n[^1]: The note.\n")
        #expect(html.contains("<sup><a href=\"#user-content-fn-1\" id=\"user-content-fnref-1\""))
        #expect(html.contains("<section class=\"footnotes\">"))
        #expect(html.contains("<li id=\"user-content-fn-1\">"))
        #expect(html.contains("The note."))
        #expect(!html.contains("data-footnote"))
    }

    @Test func rawHTMLBadgesAreKept() throws {
        let source =
            "<p align=\"center\"><a href=\"https://example.org\"><img src=\"https://example.org/b.svg\"></a></p>\n"
        let expected =
            "<p align=\"center\"><a href=\"https://example.org\" rel=\"nofollow noopener noreferrer\">"
            + "<img src=\"https://example.org/b.svg\"></a></p>\n"
        #expect(try gfm(source) == expected)
        #expect(try commonMark(source) == expected)
    }

    @Test func detailsAndSummaryAreKept() throws {
        let html = try gfm("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n")
        #expect(html.contains("<details>"))
        #expect(html.contains("<summary>More</summary>"))
        #expect(html.contains("<em>text</em>"))
    }

    @Test func gfmTagFilterEscapesScriptTags() throws {
        let html = try gfm("<script>alert(1)</script>\n")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func commonMarkDropsRawScriptEntirely() throws {
        let html = try commonMark("before\n\n<script>alert(1)</script>\n\nafter\n")
        #expect(!html.contains("alert"))
        #expect(html.contains("<p>before</p>"))
        #expect(html.contains("<p>after</p>"))
    }

    @Test func headingsGetNoIds() throws {
        #expect(try gfm("# Install") == "<h1>Install</h1>\n")
    }

    @Test func relativeLinksAndImagesStay() throws {
        let html = try gfm("[docs](docs/index.md) ![logo](img/logo.png) [top](#install)")
        #expect(html.contains("<a href=\"docs/index.md\" rel=\"nofollow noopener noreferrer\">docs</a>"))
        #expect(html.contains("<img src=\"img/logo.png\" alt=\"logo\">"))
        #expect(html.contains("href=\"#user-content-install\""))
    }

    @Test func emptyDocumentRendersEmpty() throws {
        #expect(try gfm("") == "")
    }

    @Test func concurrentRendersAgree() async throws {
        let source = "| a |\n|---|\n| ~~b~~ |\n\n- [x] c\n"
        let expected = try gfm(source)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { try ReadmeRenderer.render(source, format: .markdown(.gfm)).html }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.contains("<del>b</del>"))
    }
}
