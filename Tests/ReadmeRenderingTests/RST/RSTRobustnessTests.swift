import Testing

@testable import ReadmeRendering

/// Pseudo-random documents must render or fail cleanly: no crash, no hang.
@Suite struct RSTRobustnessTests {
    /// SplitMix64: a small deterministic generator, so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "word", " ", "  ", "    ", "\n", "\n\n", "\t", "*", "**", "`", "``", "_", "__", "|", "||", "\\", ":", "::",
        "- ", "* ", "+ ", "1. ", "#. ", "(a) ", "i) ", ".. ", "..", ".. _x: ", ".. |s| image:: x.png", ".. note::",
        ".. code-block:: python", ".. image:: ", ".. list-table::", ".. csv-table::", ".. contents::", "[1]_", "[#]_",
        ".. [1] ", ".. [#] ", "x_", "`a <b>`_", "`a`__", "__ x", "=====", "-----", "~~~~", "+---+---+", "| a | b |",
        "+===+===+", "===  ===", ">>> ", "<script>", "&", "\"", "'", "https://example.org/", "a@example.org",
        ":field: ", ":code:`x`", ":bad:`x`", "|s|", "|s|_", "\u{00E9}", "\u{4E2D}", "\r\n", "\u{0}",
    ]

    static let lineStarts = ["", "", "", " ", "  ", "   ", "    ", "      ", "- ", "1. ", ".. ", "| ", "+-", "==", ":a: "]

    /// A document of random fragments; odd seeds build it line by line with random indentation.
    static func document(seed: UInt64) -> String {
        var generator = SplitMix64(state: seed)
        let count = Int(generator.next() % 60) + 1
        var text = ""
        for _ in 0..<count {
            if seed % 2 == 1, generator.next() % 3 == 0 {
                text += "\n" + lineStarts[Int(generator.next() % UInt64(lineStarts.count))]
            }
            text += fragments[Int(generator.next() % UInt64(fragments.count))]
        }
        return text
    }

    @Test func randomDocumentsRenderOrFail() {
        var rendered = 0
        var failed = 0
        for seed in UInt64(1)...UInt64(1500) {
            do {
                _ = try RestructuredText.html(Self.document(seed: seed))
                rendered += 1
            } catch {
                #expect(error.message.contains(": ("))
                failed += 1
            }
        }
        #expect(rendered + failed == 1500)
        #expect(rendered > 0)
        #expect(failed > 0)
    }

    @Test(arguments: [
        String(repeating: "- ", count: 300) + "x\n",
        (0..<300).map { String(repeating: " ", count: $0) + "text\n\n" }.joined(),
        String(repeating: "> ", count: 5000),
        String(repeating: "*", count: 5000),
        String(repeating: "`", count: 3001),
        String(repeating: "|", count: 3001) + "\n",
        String(repeating: ".. note::\n\n", count: 200),
        (0..<100).map { String(repeating: " ", count: $0 * 3) + ".. note::\n\n" }.joined(),
        (0..<100).map { String(repeating: " ", count: $0 * 2) + "| line\n" }.joined(),
        "+" + String(repeating: "-+", count: 300) + "\n",
    ])
    func pathologicalInputTerminates(_ source: String) {
        do {
            _ = try RestructuredText.html(source)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }
}
