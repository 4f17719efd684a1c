extension RSTParser {
    /// The `list-table` directive: a bullet list of rows, each a bullet list of cells.
    mutating func parseListTable(_ input: RSTDirectiveInput, depth: Int) throws(ReadmeRenderError) -> RSTBlock {
        let parts = input.parts(takesArgument: true)
        func failure(_ message: String) -> ReadmeRenderError {
            .rst(input.line, .error, "Error parsing content block for the \"list-table\" directive: \(message)")
        }
        guard !parts.content.isEmpty else {
            throw .rst(input.line, .warning, "Content block expected for the \"list-table\" directive; none found.")
        }
        let body = try parseNested(parts.content, depth: depth)
        guard body.count == 1, case .bulletList(let rows) = body[0] else { throw failure("exactly one bullet list expected.") }
        var table: [[RSTTable.Cell]] = []
        for (number, row) in rows.enumerated() {
            guard row.count == 1, case .bulletList(let cells) = row[0] else {
                throw failure("two-level bullet list expected, but row \(number + 1) does not contain a second-level bullet list.")
            }
            if let first = table.first, first.count != cells.count {
                throw failure("uniform two-level bullet list expected, but row \(number + 1) does not contain the same number of items as row 1 (\(cells.count) vs \(first.count)).")
            }
            table.append(cells.map { RSTTable.Cell(blocks: $0) })
        }
        let headerRows = try headerRowCount(parts, rows: table.count, directive: "list-table", line: input.line)
        let title = parts.argument.isEmpty ? nil : try inline(parts.argument, line: input.line)
        return .table(RSTTable(title: title, headerRows: Array(table.prefix(headerRows)),
                               bodyRows: Array(table.dropFirst(headerRows))))
    }

    func headerRowCount(_ parts: RSTDirectiveInput.Parts, rows: Int, directive: String, line: Int)
        throws(ReadmeRenderError) -> Int
    {
        guard let option = parts.options["header-rows"] else { return 0 }
        guard let count = Int(option), count >= 0 else {
            throw .rst(line, .error, "Error in \"\(directive)\" directive:\ninvalid option value: (option: \"header-rows\"; value: '\(option)')")
        }
        guard count < rows else {
            throw .rst(line, .error, "\(count) header row(s) specified but only \(rows) row(s) of data supplied (\"\(directive)\" directive).")
        }
        return count
    }

    /// The `csv-table` directive with inline data (file and URL access are disabled).
    mutating func parseCSVTable(_ input: RSTDirectiveInput, depth: Int) throws(ReadmeRenderError) -> RSTBlock {
        let parts = input.parts(takesArgument: true)
        if parts.options["file"] != nil || parts.options["url"] != nil {
            throw .rst(input.line, .warning, "File and URL access deactivated; ignoring \"csv-table\" directive.")
        }
        guard !parts.content.isEmpty else {
            throw .rst(input.line, .warning, "Content block expected for the \"csv-table\" directive; none found.")
        }
        var header: [[RSTTable.Cell]] = []
        if let headerText = parts.options["header"] {
            header = [try csvRow(Self.csvRecords(headerText).first ?? [], line: input.line, depth: depth)]
        }
        var rows: [[RSTTable.Cell]] = []
        for record in Self.csvRecords(parts.content.joinedText) {
            rows.append(try csvRow(record, line: parts.contentLine, depth: depth))
        }
        let headerRows = try headerRowCount(parts, rows: rows.count, directive: "csv-table", line: input.line)
        let title = parts.argument.isEmpty ? nil : try inline(parts.argument, line: input.line)
        return .table(RSTTable(title: title, headerRows: header + rows.prefix(headerRows),
                               bodyRows: Array(rows.dropFirst(headerRows))))
    }

    mutating func csvRow(_ fields: [String], line: Int, depth: Int) throws(ReadmeRenderError) -> [RSTTable.Cell] {
        var cells: [RSTTable.Cell] = []
        for field in fields {
            let lines = field.rstSplit(on: "\n").map { RSTLine(number: line, text: $0) }
            cells.append(RSTTable.Cell(blocks: try parseNested(lines.dedentedCommon(), depth: depth)))
        }
        return cells
    }

    /// Splits CSV text into records: comma-separated, double-quoted fields, spaces after commas skipped.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case " " where atFieldStart:
                continue
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\n":
                record.append(field)
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
                field = ""
                atFieldStart = true
            default:
                field.append(character)
                atFieldStart = false
            }
        }
        record.append(field)
        if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
        return records
    }
}
