extension RSTHTMLWriter {
    mutating func figure(_ image: RSTImage, caption: [RSTInline]?, legend: [RSTBlock]) throws(ReadmeRenderError)
        -> String
    {
        var plain = image
        plain.align = nil
        var html = image.align.map { "<figure class=\"align-\(RSTHTML.escape($0))\">\n" } ?? "<figure>\n"
        html += try self.image(plain) + "\n"
        if caption != nil || !legend.isEmpty {
            html += "<figcaption>\n"
            if let caption { html += "<p>\(try inlines(caption))</p>\n" }
            if !legend.isEmpty { html += "<div class=\"legend\">\n\(try blocks(legend))</div>\n" }
            html += "</figcaption>\n"
        }
        return html + "</figure>\n"
    }

    mutating func uniqueID(_ base: String) -> String {
        var id = base.isEmpty ? "contents" : base
        var counter = 1
        while usedIDs.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        usedIDs.insert(id)
        return id
    }

    /// A table of contents: links to the document's sections (or the current section's with `local`).
    mutating func contents(title: String, depth: Int, local: Bool) throws(ReadmeRenderError) -> String {
        let scope = local ? (sectionStack.last?.body ?? document) : document
        let entries = try tocEntries(scope, depth: depth, backlinks: !local)
        guard !entries.isEmpty else { return "" }
        let id = uniqueID(RSTParser.slug(title))
        var html = "<nav class=\"contents\" id=\"\(RSTHTML.escape(id))\">\n"
        if !local { html += "<p class=\"topic-title\">\(RSTHTML.text(title))</p>\n" }
        return html + entries + "</nav>\n"
    }

    mutating func tocEntries(_ blocks: [RSTBlock], depth: Int, backlinks: Bool) throws(ReadmeRenderError) -> String {
        guard depth > 0 else { return "" }
        var html = ""
        for block in blocks {
            guard case .section(let section) = block else { continue }
            tocEntryCount += 1
            let entryID = "toc-entry-\(tocEntryCount)"
            if backlinks { tocBackrefs[section.id] = entryID }
            let link = "<a class=\"reference internal\" href=\"#\(RSTHTML.escape(section.id))\" id=\"\(entryID)\">"
                + (try inlines(section.title.map(\.unlinked))) + "</a>"
            let nested = try tocEntries(section.body, depth: depth - 1, backlinks: backlinks)
            html += nested.isEmpty ? "<li><p>\(link)</p></li>\n" : "<li><p>\(link)</p>\n\(nested)</li>\n"
        }
        return html.isEmpty ? "" : "<ul class=\"simple\">\n\(html)</ul>\n"
    }

    mutating func footnote(_ footnote: RSTFootnote) throws(ReadmeRenderError) -> String {
        let label = footnoteNumbers[footnote.label] ?? footnote.label
        let kind = footnote.isCitation ? "citation" : "footnote brackets"
        return "<aside class=\"\(kind)\" id=\"\(RSTHTML.escape(footnote.id))\">\n<span class=\"label\">[\(RSTHTML.escape(label))]</span>\n"
            + (try blocks(footnote.body)) + "</aside>\n"
    }

    mutating func table(_ table: RSTTable) throws(ReadmeRenderError) -> String {
        var html = "<table>\n"
        if let title = table.title { html += "<caption>\(try inlines(title))</caption>\n" }
        if !table.headerRows.isEmpty {
            html += "<thead>\n" + (try rows(table.headerRows, cellTag: "th")) + "</thead>\n"
        }
        html += "<tbody>\n" + (try rows(table.bodyRows, cellTag: "td")) + "</tbody>\n"
        return html + "</table>\n"
    }

    mutating func rows(_ rows: [[RSTTable.Cell]], cellTag: String) throws(ReadmeRenderError) -> String {
        var html = ""
        for row in rows {
            html += "<tr>"
            for cell in row {
                var open = "<\(cellTag)"
                if cellTag == "th" { open += " class=\"head\"" }
                if cell.colSpan > 1 { open += " colspan=\"\(cell.colSpan)\"" }
                if cell.rowSpan > 1 { open += " rowspan=\"\(cell.rowSpan)\"" }
                html += open + ">" + (try item(cell.blocks)) + "</\(cellTag)>"
            }
            html += "</tr>\n"
        }
        return html
    }
}

extension RSTInline {
    /// The node without its hyperlink, for copies of section titles in a table of contents.
    var unlinked: RSTInline {
        switch self {
        case .reference(let reference): .text(reference.text)
        case .substitution(let name, _, let line): .substitution(name: name, link: nil, line: line)
        case .inlineTarget(_, let text): .text(text)
        default: self
        }
    }
}
