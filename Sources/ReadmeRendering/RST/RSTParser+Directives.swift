extension RSTParser {
    static let admonitions: [String: String] = [
        "note": "Note", "warning": "Warning", "tip": "Tip", "important": "Important", "caution": "Caution",
        "danger": "Danger!", "attention": "Attention!", "hint": "Hint", "error": "Error",
    ]

    /// Runs a directive, producing its block.
    mutating func parseDirective(_ input: RSTDirectiveInput, depth: Int) throws(ReadmeRenderError) -> RSTBlock {
        let name = input.name
        func failure(_ message: String) -> ReadmeRenderError {
            .rst(input.line, .error, "Error in \"\(name)\" directive:\n\(message)")
        }
        func requireContent(_ parts: RSTDirectiveInput.Parts) throws(ReadmeRenderError) {
            if parts.content.isEmpty {
                throw .rst(input.line, .warning, "Content block expected for the \"\(name)\" directive; none found.")
            }
        }
        if let title = Self.admonitions[name] {
            let parts = input.parts(takesArgument: false)
            try requireContent(parts)
            return .admonition(kind: name, title: [.text(title)], body: try parseNested(parts.content, depth: depth))
        }
        switch name {
        case "admonition":
            let parts = input.parts(takesArgument: true)
            guard !parts.argument.isEmpty else { throw failure("1 argument(s) required, 0 supplied.") }
            try requireContent(parts)
            let title = try inline(parts.argument, line: input.line)
            return .admonition(kind: "admonition-" + Self.slug(parts.argument), title: title,
                               body: try parseNested(parts.content, depth: depth))
        case "code", "code-block", "sourcecode":
            let parts = input.parts(takesArgument: true)
            try requireContent(parts)
            let language = parts.argument.split(separator: " ").first.map(String.init)
            return .codeBlock(parts.content.joinedText, language: language)
        case "image", "figure":
            let parts = input.parts(takesArgument: true)
            let image = try makeImage(parts, directive: name, line: input.line)
            guard name == "figure" else {
                guard parts.content.isEmpty else { throw failure("no content permitted.") }
                return .image(image)
            }
            let body = try parseNested(parts.content, depth: depth)
            var caption: [RSTInline]?
            var legend = body
            if case .paragraph(let text)? = body.first {
                caption = text
                legend.removeFirst()
            }
            return .figure(image, caption: caption, legend: legend)
        case "contents":
            let parts = input.parts(takesArgument: true)
            let depthOption = parts.options["depth"].flatMap { Int($0) } ?? Int.max
            return .contents(title: parts.argument.isEmpty ? "Contents" : parts.argument, depth: depthOption,
                             local: parts.options["local"] != nil)
        case "topic", "sidebar":
            let parts = input.parts(takesArgument: true)
            guard !parts.argument.isEmpty else { throw failure("1 argument(s) required, 0 supplied.") }
            try requireContent(parts)
            return .topic(kind: name, title: try inline(parts.argument, line: input.line),
                          body: try parseNested(parts.content, depth: depth))
        case "container", "class", "compound", "epigraph", "highlights", "pull-quote":
            let parts = input.parts(takesArgument: name == "container" || name == "class")
            let body = try parseNested(parts.content, depth: depth)
            switch name {
            case "container": return .container(classes: parts.argument.split(separator: " ").map(String.init), body: body)
            case "epigraph", "highlights", "pull-quote": return .blockQuote(body, attribution: nil)
            default: return .sequence(body)
            }
        case "list-table":
            return try parseListTable(input, depth: depth)
        case "csv-table":
            return try parseCSVTable(input, depth: depth)
        case "raw", "include":
            throw .rst(input.line, .warning, "\"\(name)\" directive disabled.")
        case "default-role", "title", "meta", "highlight-language":
            return .invisible
        default:
            throw .rst(input.line, .error, "Unknown directive type \"\(input.name)\".")
        }
    }

    /// Builds an image from the `image`/`figure` argument and options.
    mutating func makeImage(_ parts: RSTDirectiveInput.Parts, directive: String, line: Int)
        throws(ReadmeRenderError) -> RSTImage
    {
        let uri = parts.argument.filter { $0 != " " && $0 != "\n" }
        guard !uri.isEmpty else {
            throw .rst(line, .error, "Error in \"\(directive)\" directive:\n1 argument(s) required, 0 supplied.")
        }
        var image = RSTImage(uri: Self.unescape(uri))
        image.line = line
        image.alt = parts.options["alt"]
        image.width = parts.options["width"]
        image.height = parts.options["height"]
        if let align = parts.options["align"] {
            guard ["left", "center", "right", "top", "middle", "bottom"].contains(align) else {
                throw .rst(line, .error, "Error in \"\(directive)\" directive:\ninvalid option value: (option: \"align\"; value: '\(align)')")
            }
            image.align = align
        }
        image.classes = (parts.options["class"] ?? "").split(separator: " ").map(String.init)
        if let target = parts.options["target"]?.filter({ $0 != " " }), !target.isEmpty {
            if target.hasSuffix("_"), !target.hasSuffix("\\_") {
                var name = String(target.dropLast())
                if name.hasPrefix("`"), name.hasSuffix("`"), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
                image.target = .named(Self.normalizedName(name))
            } else {
                image.target = .uri(Self.unescape(target))
            }
        }
        return image
    }

    /// Registers `.. |name| image::`, `replace::` or `unicode::`.
    mutating func defineSubstitution(_ name: String, _ input: RSTDirectiveInput) throws(ReadmeRenderError) {
        let content: [RSTInline]
        switch input.name {
        case "image":
            var image = try makeImage(input.parts(takesArgument: true), directive: "image", line: input.line)
            if image.alt == nil { image.alt = name }
            content = [.image(image)]
        case "replace":
            let parts = input.parts(takesArgument: false)
            let text = parts.content.map { String($0.text.drop { $0 == " " }) }.joined(separator: " ")
            guard !text.isEmpty else {
                throw .rst(input.line, .error, "Substitution definition \"\(name)\" empty or invalid.")
            }
            content = try inline(text, line: input.line)
        case "unicode":
            content = [.text(Self.unicodeText(input.firstLine))]
        default:
            throw .rst(input.line, .error, "Unknown directive type \"\(input.name)\".")
        }
        if substitutions[name] != nil {
            throw .rst(input.line, .error, "Duplicate substitution definition name: \"\(name)\".")
        }
        substitutions[name] = content
    }

    /// The text of a `unicode::` substitution: code points (`U+2014`, `0x2014`, `&#x2014;`) or text.
    static func unicodeText(_ argument: String) -> String {
        var result = ""
        for word in argument.split(separator: " ") {
            if word == ".." { break }
            let lowered = word.lowercased()
            var digits: Substring?
            for prefix in ["u+", "0x", "x", "\\x", "\\u", "&#x"] where lowered.hasPrefix(prefix) {
                digits = lowered.dropFirst(prefix.count)
                break
            }
            if let hex = digits.map({ $0.hasSuffix(";") ? $0.dropLast() : $0 }), let value = UInt32(hex, radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.unicodeScalars.append(scalar)
            } else if let value = UInt32(word), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
            } else {
                result += word
            }
        }
        return result
    }
}
