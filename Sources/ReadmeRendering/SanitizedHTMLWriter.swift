/// Rebuilds sanitized HTML from tokens, keeping a stack of open allowed elements so the output
/// is always well-formed.
struct SanitizedHTMLWriter: Sendable {
    /// The deepest nesting written, as browsers cap their trees; deeper start tags are dropped
    /// (their text kept), which also bounds the work per tag on hostile input.
    static let maximumDepth = 512

    private var output = ""
    private var openElements = OpenElementStack()
    /// The content-dropping element being skipped and how deeply it is nested in itself.
    private var skipping: (name: String, depth: Int)?

    /// Elements that close an open `<p>`, as in the standard's tree construction.
    private static let closesParagraph: Set<String> = [
        "aside", "blockquote", "details", "div", "dl", "figcaption", "figure", "ol", "p", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr", "li", "dd", "dt",
    ]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    mutating func consume(_ token: HTMLToken) {
        if let skip = skipping {
            switch token {
            case .startTag(let name, _, let selfClosing) where name == skip.name && !selfClosing:
                skipping = (skip.name, skip.depth + 1)
            case .endTag(let name) where name == skip.name:
                skipping = skip.depth <= 1 ? nil : (skip.name, skip.depth - 1)
            default:
                break
            }
            return
        }
        switch token {
        case .text(let text):
            appendEscapedText(text)
        case .comment:
            break
        case .startTag(let name, let attributes, let selfClosing):
            startTag(name, attributes: attributes, selfClosing: selfClosing)
        case .endTag(let name):
            endTag(name)
        }
    }

    /// The output, with every element still open closed.
    mutating func finish() -> String {
        while let name = openElements.pop() {
            output += "</\(name)>"
        }
        return output
    }

    private mutating func startTag(_ name: String, attributes: [HTMLAttribute], selfClosing: Bool) {
        if HTMLAllowList.contentDroppingElements.contains(name) {
            let hasContent =
                HTMLTokenizer.rawTextElements.contains(name)
                || (!selfClosing && !HTMLAllowList.voidElements.contains(name))
            if hasContent { skipping = (name, 1) }
            return
        }
        guard HTMLAllowList.elements.contains(name),
            let kept = HTMLAllowList.filteredAttributes(attributes, on: name)
        else { return }
        closeImplicitly(before: name)
        let isVoid = HTMLAllowList.voidElements.contains(name)
        guard isVoid || openElements.count < Self.maximumDepth else { return }
        output += "<" + name
        for attribute in kept {
            output += " " + attribute.name
            if !HTMLAllowList.booleanAttributes.contains(attribute.name) {
                output += "=\"" + HTMLSanitizer.escape(attribute.value) + "\""
            }
        }
        output += ">"
        if !isVoid {
            openElements.push(name)
        }
    }

    private mutating func endTag(_ name: String) {
        guard let index = openElements.lastIndex(of: name) else { return }
        close(downTo: index)
    }

    /// Closes what a browser would close implicitly before `name` opens.
    private mutating func closeImplicitly(before name: String) {
        switch name {
        case "li":
            closeNearest(["li"], stoppingAt: ["ul", "ol"])
        case "dt", "dd":
            closeNearest(["dt", "dd"], stoppingAt: ["dl"])
        case "tr":
            closeNearest(["tr"], stoppingAt: ["table", "thead", "tbody", "tfoot"])
        case "td", "th":
            closeNearest(["td", "th"], stoppingAt: ["tr", "table"])
        case "thead", "tbody", "tfoot":
            closeNearest(["thead", "tbody", "tfoot"], stoppingAt: ["table"])
        case "a":
            closeNearest(["a"], stoppingAt: [])
        default:
            break
        }
        if Self.closesParagraph.contains(name) {
            closeNearest(["p"], stoppingAt: ["table", "caption", "td", "th"])
        }
        if Self.headings.contains(name), let current = openElements.last, Self.headings.contains(current) {
            close(downTo: openElements.count - 1)
        }
    }

    /// Closes the innermost open element among `names` unless one of `boundaries` is inside it.
    private mutating func closeNearest(_ names: Set<String>, stoppingAt boundaries: Set<String>) {
        guard let index = openElements.lastIndex(ofAny: names) else { return }
        if let boundary = openElements.lastIndex(ofAny: boundaries), boundary > index { return }
        close(downTo: index)
    }

    private mutating func close(downTo index: Int) {
        while openElements.count > index, let name = openElements.pop() {
            output += "</\(name)>"
        }
    }

    /// Text escaped as PyPI's serializer does: `&`, `<` and `>` only.
    private mutating func appendEscapedText(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
