extension RSTHTMLWriter {
    mutating func inlines(_ content: [RSTInline], substitutionDepth: Int = 0) throws(ReadmeRenderError) -> String {
        var html = ""
        var previous: Character?
        for node in content {
            if case .text(let text) = node {
                html += RSTHTML.text(text, after: previous)
            } else {
                html += try inline(node, substitutionDepth: substitutionDepth)
            }
            previous = node.lastCharacter ?? previous
        }
        return html
    }

    mutating func inline(_ node: RSTInline, substitutionDepth: Int) throws(ReadmeRenderError) -> String {
        switch node {
        case .text(let text): return RSTHTML.text(text)
        case .emphasis(let text): return "<em>\(RSTHTML.text(text))</em>"
        case .strong(let text): return "<strong>\(RSTHTML.text(text))</strong>"
        case .literal(let text): return "<code class=\"docutils literal\">\(RSTHTML.escape(text))</code>"
        case .code(let text): return "<code class=\"code\">\(RSTHTML.escape(text))</code>"
        case .cite(let text): return "<cite>\(RSTHTML.text(text))</cite>"
        case .sub(let text): return "<sub>\(RSTHTML.text(text))</sub>"
        case .sup(let text): return "<sup>\(RSTHTML.text(text))</sup>"
        case .reference(let reference):
            let (href, external) = try resolve(reference.target, line: reference.line)
            let text = reference.target == .uri(reference.text) ? RSTHTML.escape(reference.text) : RSTHTML.text(reference.text)
            return "<a class=\"reference \(external ? "external" : "internal")\" href=\"\(RSTHTML.escape(href))\">\(text)</a>"
        case .substitution(let name, let link, let line):
            return try substitution(name, link: link, line: line, depth: substitutionDepth)
        case .footnoteReference(let key, let line):
            return try footnoteReference(key, line: line)
        case .inlineTarget(let id, let text):
            return "<span class=\"target\" id=\"\(RSTHTML.escape(id))\">\(RSTHTML.text(text))</span>"
        case .image(let image):
            return try self.image(image)
        }
    }

    /// Resolves a link target to an href, and whether it is external.
    func resolve(_ target: RSTLinkTarget, line: Int) throws(ReadmeRenderError) -> (String, Bool) {
        switch target {
        case .uri(let uri):
            return (uri, true)
        case .named(let name):
            return try resolve(name: name, line: line, hops: 0)
        case .anonymous(let index):
            guard index <= definitions.anonymousTargets.count else {
                throw .rst(line, .error, "Anonymous hyperlink mismatch: \(definitions.anonymousReferenceCount) references but \(definitions.anonymousTargets.count) targets.")
            }
            return try resolve(value: definitions.anonymousTargets[index - 1], line: line, hops: 0)
        }
    }

    func resolve(name: String, line: Int, hops: Int) throws(ReadmeRenderError) -> (String, Bool) {
        if let value = definitions.targets[name] { return try resolve(value: value, line: line, hops: hops) }
        if let id = definitions.sectionTitleIDs[name] { return ("#" + id, false) }
        if let id = definitions.footnoteIDs[name] { return ("#" + id, false) }
        throw .rst(line, .error, "Unknown target name: \"\(name)\".")
    }

    func resolve(value: RSTParser.TargetValue, line: Int, hops: Int) throws(ReadmeRenderError) -> (String, Bool) {
        switch value {
        case .uri(let uri): return (uri, true)
        case .local(let id): return ("#" + id, false)
        case .alias(let name):
            guard hops < 16 else { throw .rst(line, .error, "Indirect hyperlink target is circular: \"\(name)\".") }
            return try resolve(name: name, line: line, hops: hops + 1)
        }
    }

    mutating func substitution(_ name: String, link: RSTLinkTarget?, line: Int, depth: Int) throws(ReadmeRenderError)
        -> String
    {
        let found = definitions.substitutions[name]
            ?? definitions.substitutions.first { $0.key.lowercased() == name.lowercased() }?.value
        guard let content = found else {
            throw .rst(line, .error, "Undefined substitution referenced: \"\(name)\".")
        }
        guard depth < 8 else { throw .rst(line, .error, "Circular substitution definition referenced: \"\(name)\".") }
        var html = ""
        for node in content {
            if case .image(var image) = node, let link {
                image.target = link
                html += try self.image(image)
            } else {
                html += try inline(node, substitutionDepth: depth + 1)
            }
        }
        guard let link, !content.contains(where: { if case .image = $0 { true } else { false } }) else { return html }
        let (href, external) = try resolve(link, line: line)
        return "<a class=\"reference \(external ? "external" : "internal")\" href=\"\(RSTHTML.escape(href))\">\(html)</a>"
    }

    mutating func footnoteReference(_ key: String, line: Int) throws(ReadmeRenderError) -> String {
        guard let id = definitions.footnoteIDs[key] else {
            if key.hasPrefix("\u{0}") {
                let available = definitions.footnoteKeys.filter { $0.key.hasPrefix("\u{0}") }.count
                throw .rst(line, .error, "Too many autonumbered footnote references: only \(available) corresponding footnotes available.")
            }
            throw .rst(line, .error, "Unknown target name: \"\(key.lowercased())\".")
        }
        footnoteReferenceCount += 1
        if let number = footnoteNumbers[key] {
            return "<a class=\"footnote-reference brackets\" href=\"#\(RSTHTML.escape(id))\" id=\"footnote-reference-\(footnoteReferenceCount)\">\(RSTHTML.escape(number))</a>"
        }
        return "<a class=\"citation-reference\" href=\"#\(RSTHTML.escape(id))\" id=\"citation-reference-\(footnoteReferenceCount)\">[\(RSTHTML.escape(key))]</a>"
    }

    /// An `<img>`, inside a link when it has a target.
    func image(_ image: RSTImage) throws(ReadmeRenderError) -> String {
        var attributes = [("alt", image.alt ?? image.uri)]
        let classes = image.classes + (image.align.map { ["align-\($0)"] } ?? [])
        if !classes.isEmpty { attributes.append(("class", classes.joined(separator: " "))) }
        if let height = image.height { attributes.append(("height", height)) }
        attributes.append(("src", image.uri))
        if let width = image.width { attributes.append(("width", width)) }
        let tag = "<img " + attributes.map { "\($0.0)=\"\(RSTHTML.escape($0.1))\"" }.joined(separator: " ") + " />"
        guard let target = image.target else { return tag }
        let (href, external) = try resolve(target, line: image.line)
        let kind = external ? "external" : "internal"
        return "<a class=\"reference \(kind) image-reference\" href=\"\(RSTHTML.escape(href))\">\(tag)</a>"
    }
}

extension RSTInline {
    /// The last character of the node's text, for smart quotes in the following text.
    var lastCharacter: Character? {
        switch self {
        case .text(let text), .emphasis(let text), .strong(let text), .literal(let text), .code(let text),
            .cite(let text), .sub(let text), .sup(let text):
            return text.last
        case .reference(let reference): return reference.text.last
        case .inlineTarget(_, let text): return text.last
        case .substitution, .footnoteReference, .image: return "x"
        }
    }
}
