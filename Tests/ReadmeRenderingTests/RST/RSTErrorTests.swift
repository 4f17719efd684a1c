import Testing

@testable import ReadmeRendering

@Suite struct RSTErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "short underline", source: "Intro\n\nTitle here\n=====\n", message: "4: (WARNING/2) Title underline too short."),
        Case(name: "inconsistent levels", source: "A\n=\n\nx\n\nB\n-\n\ny\n\nC\n~\n\nz\n\nD\n=\n\nE\n~\n\nw\n",
             message: "(SEVERE/4) Title level inconsistent"),
        Case(name: "bullet list unindent", source: "- item\ntext\n",
             message: "2: (WARNING/2) Bullet list ends without a blank line; unexpected unindent."),
        Case(name: "enumerated list unindent", source: "1. item\n   more\ntext\n",
             message: "Enumerated list ends without a blank line; unexpected unindent."),
        Case(name: "unknown role", source: "A :foo:`bar` here\n", message: "1: (ERROR/3) Unknown interpreted text role \"foo\"."),
        Case(name: "unknown directive", source: ".. frobnicate:: x\n", message: "1: (ERROR/3) Unknown directive type \"frobnicate\"."),
        Case(name: "raw disabled", source: ".. raw:: html\n\n   <b>x</b>\n", message: "1: (WARNING/2) \"raw\" directive disabled."),
        Case(name: "include disabled", source: ".. include:: /etc/passwd\n", message: "\"include\" directive disabled."),
        Case(name: "unknown target", source: "See nowhere_.\n", message: "1: (ERROR/3) Unknown target name: \"nowhere\"."),
        Case(name: "undefined substitution", source: "|badge|\n", message: "1: (ERROR/3) Undefined substitution referenced: \"badge\"."),
        Case(name: "unterminated emphasis", source: "Use *args here\n",
             message: "1: (WARNING/2) Inline emphasis start-string without end-string."),
        Case(name: "unterminated literal", source: "a ``b\n", message: "Inline literal start-string without end-string."),
        Case(name: "unexpected indentation", source: "para\nmore\n   indented\n", message: "3: (ERROR/3) Unexpected indentation."),
        Case(name: "literal block missing", source: "Example::\n\nnot indented\n", message: "(WARNING/2) Literal block expected; none found."),
        Case(name: "anonymous mismatch", source: "`a`__ and `b`__\n\n__ https://example.org/\n",
             message: "Anonymous hyperlink mismatch: 2 references but 1 targets."),
        Case(name: "image without uri", source: ".. image::\n", message: "Error in \"image\" directive"),
        Case(name: "note without content", source: ".. note::\n\ntext\n", message: "Content block expected for the \"note\" directive"),
        Case(name: "duplicate target", source: ".. _a: https://example.org/\n.. _a: https://example.com/\n",
             message: "Duplicate explicit target name: \"a\"."),
        Case(name: "title in list", source: "- item\n\n  Title\n  =====\n", message: "(SEVERE/4) Unexpected section title."),
        Case(name: "missing footnote", source: "See [#]_.\n", message: "Too many autonumbered footnote references"),
        Case(name: "explicit markup unindent", source: ".. note:: x\ntext\n",
             message: "Explicit markup ends without a blank line; unexpected unindent."),
        Case(name: "csv file disabled", source: ".. csv-table::\n   :file: data.csv\n", message: "File and URL access deactivated"),
        Case(name: "begins with transition", source: "-----\n\ntext\n", message: "1: (ERROR/3) Document or section may not begin with a transition."),
        Case(name: "adjacent transitions", source: "a\n\n-----\n\n=====\n\nb\n", message: "adjacent transitions are not allowed"),
        Case(name: "ends with transition", source: "text\n\n-----\n", message: "Document may not end with a transition."),
    ]

    @Test(arguments: cases)
    func rejectsInvalidDocument(_ example: Case) {
        #expect {
            _ = try RestructuredText.html(example.source)
        } throws: { error in
            (error as? ReadmeRenderError)?.message.contains(example.message) ?? false
        }
    }

    @Test func reportsMessageText() throws {
        let error = try #require(throws: ReadmeRenderError.self) { try RestructuredText.html("Title\n=====\n\nName of it\n=====\n") }
        #expect(error.message == "5: (WARNING/2) Title underline too short.")
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        var source = ""
        for level in 0..<200 { source += String(repeating: " ", count: level) + "- x\n\n" }
        #expect(throws: ReadmeRenderError.self) { try RestructuredText.html(source) }
    }
}
