/// Writes parsed reStructuredText as an HTML body fragment shaped like docutils' HTML writer.
struct RSTHTMLWriter: Sendable {
    let definitions: RSTParser
    let document: [RSTBlock]
    var footnoteNumbers: [String: String] = [:]
    var footnoteReferenceCount = 0
    var tocEntryCount = 0
    var usedIDs: Set<String>
    var sectionStack: [RSTSection] = []
    /// Table-of-contents entry ids by section id, for links back from section titles.
    var tocBackrefs: [String: String] = [:]

    init(definitions: RSTParser, document: [RSTBlock]) {
        self.definitions = definitions
        self.document = document
        usedIDs = definitions.usedIDs
        var used = Set(definitions.footnoteKeys.filter { !$0.auto }.compactMap { Int($0.key) })
        var next = 1
        for entry in definitions.footnoteKeys {
            guard entry.auto else {
                footnoteNumbers[entry.key] = entry.key
                continue
            }
            while used.contains(next) { next += 1 }
            used.insert(next)
            footnoteNumbers[entry.key] = String(next)
        }
    }

    mutating func write() throws(ReadmeRenderError) -> String {
        try blocks(document)
    }

    mutating func blocks(_ blocks: [RSTBlock]) throws(ReadmeRenderError) -> String {
        var html = ""
        for block in blocks { html += try self.block(block) }
        return html
    }

    mutating func block(_ block: RSTBlock) throws(ReadmeRenderError) -> String {
        switch block {
        case .paragraph(let content):
            return "<p>\(try inlines(content))</p>\n"
        case .section(let section):
            sectionStack.append(section)
            defer { sectionStack.removeLast() }
            let level = min(section.depth + 1, 6)
            var title = try inlines(section.title)
            if let backref = tocBackrefs[section.id] {
                title = "<a class=\"toc-backref\" href=\"#\(backref)\">" + (try inlines(section.title.map(\.unlinked))) + "</a>"
            }
            return "<section id=\"\(RSTHTML.escape(section.id))\">\n<h\(level)>\(title)</h\(level)>\n"
                + (try blocks(section.body)) + "</section>\n"
        case .subtitle(let id, let title):
            return "<p class=\"section-subtitle\" id=\"\(RSTHTML.escape(id))\">\(try inlines(title))</p>\n"
        case .transition:
            return "<hr class=\"docutils\" />\n"
        case .blockQuote(let body, let attribution):
            var html = "<blockquote>\n" + (try blocks(body))
            if let attribution { html += "<p class=\"attribution\">\u{2014}\(try inlines(attribution))</p>\n" }
            return html + "</blockquote>\n"
        case .lineBlock(let lines):
            return try lineBlock(lines)
        case .bulletList(let items):
            return try list("ul", classes: [], items: items)
        case .enumeratedList(let style, let start, let items):
            return try list("ol", classes: [style.rawValue], items: items, start: start)
        case .definitionList(let items):
            return try definitionList(items)
        case .fieldList(let fields):
            return try fieldList(fields)
        case .optionList(let items):
            return try optionList(items)
        case .literalBlock(let text):
            return "<pre class=\"literal-block\">\(RSTHTML.escape(text))\n</pre>\n"
        case .codeBlock(let text, let language):
            let classes = ["code"] + (language.map { [$0] } ?? []) + ["literal-block"]
            return "<pre class=\"\(RSTHTML.escape(classes.joined(separator: " ")))\"><code>\(RSTHTML.escape(text))\n</code></pre>\n"
        case .doctestBlock(let text):
            return "<pre class=\"doctest-block\">\n\(RSTHTML.escape(text))\n</pre>\n"
        case .admonition(let kind, let title, let body):
            return "<div class=\"admonition \(RSTHTML.escape(kind))\">\n<p class=\"admonition-title\">\(try inlines(title))</p>\n"
                + (try blocks(body)) + "</div>\n"
        case .image(let image):
            return try self.image(image) + "\n"
        case .figure(let image, let caption, let legend):
            return try figure(image, caption: caption, legend: legend)
        case .contents(let title, let depth, let local):
            return try contents(title: title, depth: depth, local: local)
        case .topic(let kind, let title, let body):
            let tag = kind == "sidebar" ? "aside" : "div"
            return "<\(tag) class=\"\(kind)\">\n<p class=\"\(kind)-title\">\(try inlines(title))</p>\n"
                + (try blocks(body)) + "</\(tag)>\n"
        case .container(let classes, let body):
            let names = (["container"] + classes).joined(separator: " ")
            return "<div class=\"\(RSTHTML.escape(names))\">\n" + (try blocks(body)) + "</div>\n"
        case .table(let table):
            return try self.table(table)
        case .footnote(let footnote):
            return try self.footnote(footnote)
        case .target(let id):
            return "<span id=\"\(RSTHTML.escape(id))\"></span>\n"
        case .sequence(let body):
            return try blocks(body)
        case .invisible:
            return ""
        }
    }

    /// Whether a list item is "simple": at most one paragraph and, optionally, a simple nested list.
    static func isSimple(_ item: [RSTBlock]) -> Bool {
        switch item.count {
        case 0: return true
        case 1:
            if case .paragraph = item[0] { return true }
            return false
        case 2:
            guard case .paragraph = item[0] else { return false }
            switch item[1] {
            case .bulletList(let items), .enumeratedList(_, _, let items): return items.allSatisfy(isSimple)
            default: return false
            }
        default: return false
        }
    }

    mutating func item(_ body: [RSTBlock]) throws(ReadmeRenderError) -> String {
        if body.count == 1, case .paragraph(let content) = body[0] {
            return "<p>\(try inlines(content))</p>"
        }
        if body.isEmpty { return "" }
        return try blocks(body).rstDroppingLeadingNewline()
    }

    mutating func list(_ tag: String, classes: [String], items: [[RSTBlock]], start: Int = 1)
        throws(ReadmeRenderError) -> String
    {
        let names = classes + (items.allSatisfy(Self.isSimple) ? ["simple"] : [])
        var html = "<\(tag)"
        if !names.isEmpty { html += " class=\"\(names.joined(separator: " "))\"" }
        if start != 1 { html += " start=\"\(start)\"" }
        html += ">\n"
        for body in items { html += "<li>\(try item(body))</li>\n" }
        return html + "</\(tag)>\n"
    }

    mutating func definitionList(_ items: [RSTDefinition]) throws(ReadmeRenderError) -> String {
        let simple = items.allSatisfy { Self.isSimple($0.body) }
        var html = simple ? "<dl class=\"simple\">\n" : "<dl>\n"
        for entry in items {
            html += "<dt>\(try inlines(entry.term))"
            for classifier in entry.classifiers {
                html += " <span class=\"classifier\">\(try inlines(classifier))</span>"
            }
            html += "</dt>\n<dd>\(try blocks(entry.body))</dd>\n"
        }
        return html + "</dl>\n"
    }

    mutating func fieldList(_ fields: [RSTField]) throws(ReadmeRenderError) -> String {
        let simple = fields.allSatisfy { Self.isSimple($0.body) }
        var html = simple ? "<dl class=\"field-list simple\">\n" : "<dl class=\"field-list\">\n"
        for field in fields {
            html += "<dt>\(try inlines(field.name))<span class=\"colon\">:</span></dt>\n<dd>\(try blocks(field.body))</dd>\n"
        }
        return html + "</dl>\n"
    }

    mutating func optionList(_ items: [RSTOptionListItem]) throws(ReadmeRenderError) -> String {
        var html = "<dl class=\"option-list\">\n"
        for item in items {
            let options = item.options.map { option in
                var text = "<span class=\"option\">\(RSTHTML.escape(option.name))"
                if !option.argument.isEmpty {
                    text += "\(RSTHTML.escape(option.delimiter))<var>\(RSTHTML.escape(option.argument))</var>"
                }
                return text + "</span>"
            }
            html += "<dt><kbd>\(options.joined(separator: ", "))</kbd></dt>\n<dd>\(try blocks(item.body))</dd>\n"
        }
        return html + "</dl>\n"
    }

    mutating func lineBlock(_ lines: [RSTLineBlockLine]) throws(ReadmeRenderError) -> String {
        var html = "<div class=\"line-block\">\n"
        var levels: [Int] = [lines.first?.indent ?? 0]
        for line in lines {
            while let last = levels.last, line.indent < last, levels.count > 1 {
                levels.removeLast()
                html += "</div>\n"
            }
            if let last = levels.last, line.indent > last {
                levels.append(line.indent)
                html += "<div class=\"line-block\">\n"
            }
            let content = line.content.isEmpty ? "<br />" : try inlines(line.content)
            html += "<div class=\"line\">\(content)</div>\n"
        }
        html += String(repeating: "</div>\n", count: levels.count - 1)
        return html + "</div>\n"
    }
}

extension String {
    /// The string with its first character dropped if it is a newline (for `<li>` bodies).
    func rstDroppingLeadingNewline() -> String {
        hasPrefix("\n") ? String(dropFirst()) : self
    }
}
