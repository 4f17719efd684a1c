import Testing

@testable import ReadmeRendering

@Suite struct RSTTableTests {
    @Test func gridTableWithHeaderAndSpans() throws {
        let source = """
            +-------+-------+
            | A     | B     |
            +=======+=======+
            | one   | two   |
            +-------+-------+
            | spans both    |
            +---------------+

            """
        let expected = """
            <table>
            <thead>
            <tr><th class="head"><p>A</p></th><th class="head"><p>B</p></th></tr>
            </thead>
            <tbody>
            <tr><td><p>one</p></td><td><p>two</p></td></tr>
            <tr><td colspan="2"><p>spans both</p></td></tr>
            </tbody>
            </table>

            """
        #expect(try RestructuredText.html(source) == expected)
    }

    @Test func gridTableRowSpan() throws {
        let source = """
            +---+---+
            | a | b |
            +   +---+
            |   | c |
            +---+---+

            """
        let html = try RestructuredText.html(source)
        #expect(html.contains("<td rowspan=\"2\"><p>a</p></td><td><p>b</p></td></tr>\n<tr><td><p>c</p></td></tr>"))
    }

    @Test func simpleTable() throws {
        let source = """
            =====  =====
            Name   Value
            =====  =====
            a      1
            b      2
            =====  =====

            """
        let expected = """
            <table>
            <thead>
            <tr><th class="head"><p>Name</p></th><th class="head"><p>Value</p></th></tr>
            </thead>
            <tbody>
            <tr><td><p>a</p></td><td><p>1</p></td></tr>
            <tr><td><p>b</p></td><td><p>2</p></td></tr>
            </tbody>
            </table>

            """
        #expect(try RestructuredText.html(source) == expected)
    }

    @Test func listTable() throws {
        let source = """
            .. list-table:: Title
               :header-rows: 1

               * - H1
                 - H2
               * - a
                 - b

            """
        let html = try RestructuredText.html(source)
        #expect(html.hasPrefix("<table>\n<caption>Title</caption>\n<thead>\n<tr><th class=\"head\"><p>H1</p></th>"))
        #expect(html.contains("<tbody>\n<tr><td><p>a</p></td><td><p>b</p></td></tr>\n</tbody>"))
    }

    @Test func csvTable() throws {
        let source = """
            .. csv-table::
               :header: "Name", "Notes"

               "a", "with, comma"
               b, plain

            """
        let html = try RestructuredText.html(source)
        #expect(html.contains("<th class=\"head\"><p>Notes</p></th>"))
        #expect(html.contains("<td><p>with, comma</p></td>"))
        #expect(html.contains("<tr><td><p>b</p></td><td><p>plain</p></td></tr>"))
    }

    @Test(arguments: [
        "+----+----+\n| a  | b\n+----+----+\n",
        "+----+----+\n| a  | b  |\n+----+\n",
        "=====  =====\na      b\n",
        "===  ===\na   b   xx\n===  ===\n",
    ])
    func malformedTableFails(_ source: String) {
        #expect(throws: ReadmeRenderError.self) { try RestructuredText.html(source) }
    }

    @Test func listTableRowsMustBeUniform() {
        let source = ".. list-table::\n\n   * - a\n     - b\n   * - c\n"
        #expect(throws: ReadmeRenderError.self) { try RestructuredText.html(source) }
    }

    @Test func largeGridTableRenders() throws {
        let border = "+" + String(repeating: "---+", count: 60) + "\n"
        let row = "|" + String(repeating: " x |", count: 60) + "\n"
        let source = border + String(repeating: row + border, count: 60)
        let html = try RestructuredText.html(source)
        #expect(html.rstSplit(on: "<td>").count == 3601)
    }
}
