import Testing

@testable import ReadmeRendering

@Suite struct HTMLSanitizerPropertyTests {
    static let allowedAttributes: Set<String> = [
        "href", "title", "name", "id", "class", "src", "alt", "width", "height", "align", "start",
        "type", "colspan", "rowspan", "span", "open", "checked", "disabled", "rel",
    ]
    static let voidElements: Set<String> = ["br", "col", "hr", "img", "input"]

    /// Checks `html` with a scanner of its own (not the sanitizer's tokenizer): every `<` opens an
    /// allow-listed tag with allow-listed attributes and safe URLs, and tags nest properly.
    /// Returns the problems found.
    static func problems(in html: String) -> [String] {
        let scalars = Array(html.unicodeScalars)
        var problems: [String] = []
        var stack: [String] = []
        var index = 0
        func word(_ isPart: (Unicode.Scalar) -> Bool) -> String {
            var result = ""
            while index < scalars.count, isPart(scalars[index]) {
                result.unicodeScalars.append(scalars[index])
                index += 1
            }
            return result
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == ">" { problems.append("raw > in text") }
            guard scalar == "<" else { continue }
            let isEnd = index < scalars.count && scalars[index] == "/"
            if isEnd { index += 1 }
            let name = word { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            guard HTMLAllowList.elements.contains(name) else {
                problems.append("tag \(name)")
                return problems
            }
            if isEnd {
                if stack.popLast() != name { problems.append("misnested </\(name)>") }
                if index >= scalars.count || scalars[index] != ">" { problems.append("end tag \(name)") }
                index += 1
                continue
            }
            while index < scalars.count, scalars[index] == " " {
                index += 1
                let attribute = word { ("a"..."z").contains($0) }
                if !allowedAttributes.contains(attribute) { problems.append("attribute \(attribute)") }
                guard index < scalars.count, scalars[index] == "=" else { continue }
                index += 2
                let value = word { $0 != "\"" }
                index += 1
                if value.contains("<") || value.contains(">") { problems.append("raw markup in \(attribute)") }
                if attribute == "href" || attribute == "src", !isSafeURL(value) {
                    problems.append("unsafe \(attribute)=\(value)")
                }
            }
            if index >= scalars.count || scalars[index] != ">" { problems.append("unterminated <\(name)") }
            index += 1
            if !voidElements.contains(name) { stack.append(name) }
        }
        if !stack.isEmpty { problems.append("unclosed \(stack)") }
        return problems
    }

    static func isSafeURL(_ escaped: String) -> Bool {
        var scheme = ""
        for scalar in escaped.unicodeScalars {
            if scalar.value <= 0x20 { continue }
            switch scalar {
            case ":": return ["http", "https", "mailto"].contains(scheme.lowercased())
            case "/", "?", "#": return true
            default: scheme.unicodeScalars.append(scalar)
            }
        }
        return true
    }

    @Test func scannerFlagsUnsafeMarkup() {
        #expect(Self.problems(in: "<p><a href=\"x\">y</a></p>").isEmpty)
        #expect(!Self.problems(in: "<script>").isEmpty)
        #expect(!Self.problems(in: "<a onclick=\"x\"></a>").isEmpty)
        #expect(!Self.problems(in: "<a href=\"javascript:x\"></a>").isEmpty)
        #expect(!Self.problems(in: "<b><i></b></i>").isEmpty)
        #expect(!Self.problems(in: "<div>").isEmpty)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomTagSoupSanitizesToAllowListedWellFormedFixedPoints(seed: UInt64) {
        var generator = TagSoupGenerator(random: SeededGenerator(seed: seed))
        var outputsWithMarkup = 0
        for _ in 0..<200 {
            let input = generator.soup()
            let once = HTMLSanitizer.sanitize(input)
            if once.contains("=\"") { outputsWithMarkup += 1 }
            let problems = Self.problems(in: once)
            #expect(problems.isEmpty, "\(problems) for input \(input.debugDescription) -> \(once.debugDescription)")
            #expect(HTMLSanitizer.sanitize(once) == once, "not a fixed point: \(input.debugDescription)")
        }
        // The soup must exercise kept markup, not only text.
        #expect(outputsWithMarkup >= 25, "only \(outputsWithMarkup) outputs kept an attribute")
    }

    @Test(arguments: [UInt64(7), 8])
    func randomTagSoupInMarkdownRendersSafely(seed: UInt64) throws {
        var generator = TagSoupGenerator(random: SeededGenerator(seed: seed))
        for _ in 0..<100 {
            let input = generator.soup()
            for variant in [MarkdownVariant.gfm, .commonMark] {
                let html = try ReadmeRenderer.render(input, format: .markdown(variant)).html
                let problems = Self.problems(in: html)
                #expect(problems.isEmpty, "\(problems) for \(variant) input \(input.debugDescription)")
            }
        }
    }
}
