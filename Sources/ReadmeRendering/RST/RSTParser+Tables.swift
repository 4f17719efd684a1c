extension RSTParser {
    /// Parses a grid table (`+---+` borders, `|` column separators, `+===+` header separator).
    mutating func parseGridTable(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock?
    {
        let top = lines[index].text
        guard top.hasPrefix("+-"), top.hasSuffix("+"), top.allSatisfy({ $0 == "+" || $0 == "-" }) else { return nil }
        let start = index
        while index < lines.count, !lines[index].isBlank { index += 1 }
        let block = Array(lines[start..<index])
        let malformed = ReadmeRenderError.rst(lines[start].number, .error, "Malformed table.")
        guard block.count >= 3, block.allSatisfy({ ($0.text.first == "+" || $0.text.first == "|") && $0.text.count == top.count })
        else { throw malformed }
        let grid = RSTGrid(rows: block.map { Array($0.text) })
        guard let cells = grid.cells() else { throw malformed }
        let headerBorder = block.indices.dropFirst().dropLast().first { block[$0].text.contains("=") }
        var header: [[RSTTable.Cell]] = []
        var body: [[RSTTable.Cell]] = []
        let rowBorders = Set(cells.flatMap { [$0.top, $0.bottom] }).sorted()
        let columnBorders = Set(cells.flatMap { [$0.left, $0.right] }).sorted()
        for (rowIndex, rowTop) in rowBorders.dropLast().enumerated() {
            var row: [RSTTable.Cell] = []
            for cell in cells.filter({ $0.top == rowTop }).sorted(by: { $0.left < $1.left }) {
                let text = grid.text(of: cell).enumerated().map {
                    RSTLine(number: block[cell.top + 1 + $0.offset].number, text: $0.element)
                }
                let rowSpan = (rowBorders.firstIndex(of: cell.bottom) ?? rowIndex + 1) - rowIndex
                let left = columnBorders.firstIndex(of: cell.left) ?? 0
                let colSpan = (columnBorders.firstIndex(of: cell.right) ?? left + 1) - left
                let blocks = try parseNested(text.dedentedCommon(), depth: depth)
                row.append(RSTTable.Cell(rowSpan: rowSpan, colSpan: colSpan, blocks: blocks))
            }
            if let border = headerBorder, rowTop < border { header.append(row) } else { body.append(row) }
        }
        return .table(RSTTable(title: nil, headerRows: header, bodyRows: body))
    }

    /// Parses a simple table (`=====  =====` borders, optional header separator).
    mutating func parseSimpleTable(_ lines: [RSTLine], _ index: inout Int, depth: Int) throws(ReadmeRenderError)
        -> RSTBlock?
    {
        func isBorder(_ text: String) -> Bool {
            text.first == "=" && text.allSatisfy { $0 == "=" || $0 == " " } && text.contains(" ")
        }
        let border = lines[index].text
        guard isBorder(border) else { return nil }
        var columns: [(start: Int, end: Int)] = []
        for (offset, character) in border.enumerated() {
            if character == "=" {
                if let last = columns.last, last.end == offset { columns[columns.count - 1].end = offset + 1 } else {
                    columns.append((offset, offset + 1))
                }
            }
        }
        let start = index
        var separators: [Int] = []
        var end: Int?
        var cursor = index + 1
        while cursor < lines.count {
            if isBorder(lines[cursor].text) {
                if cursor + 1 == lines.count || lines[cursor + 1].isBlank {
                    end = cursor
                    break
                }
                separators.append(cursor)
            }
            cursor += 1
        }
        guard let bottom = end, separators.count <= 1 else {
            throw .rst(lines[start].number, .error, "Malformed table.\nNo bottom table border found.")
        }
        index = bottom + 1
        var rows: [(header: Bool, cells: [[RSTLine]])] = []
        for position in (start + 1)..<bottom where !separators.contains(position) {
            let line = lines[position]
            let characters = Array(line.text)
            var texts: [String] = []
            for (column, range) in columns.enumerated() {
                let upper = column == columns.count - 1 ? characters.count : min(range.end, characters.count)
                texts.append(range.start < upper ? String(characters[range.start..<upper]) : "")
                if column + 1 < columns.count, range.end < characters.count {
                    let gapEnd = min(columns[column + 1].start, characters.count)
                    if range.end < gapEnd, characters[range.end..<gapEnd].contains(where: { $0 != " " }) {
                        throw .rst(line.number, .error, "Malformed table.\nText in column margin in table line \(position - start + 1).")
                    }
                }
            }
            let isHeader = separators.first.map { position < $0 } ?? false
            let cells = texts.map { [RSTLine(number: line.number, text: String($0.reversed().drop { $0 == " " }.reversed()))] }
            if line.isBlank || texts[0].allSatisfy({ $0 == " " }), let last = rows.last, last.header == isHeader {
                rows[rows.count - 1].cells = zip(last.cells, cells).map { $0 + $1 }
            } else {
                rows.append((isHeader, cells))
            }
        }
        var header: [[RSTTable.Cell]] = []
        var body: [[RSTTable.Cell]] = []
        for row in rows {
            var cells: [RSTTable.Cell] = []
            for text in row.cells {
                cells.append(RSTTable.Cell(blocks: try parseNested(text.dedentedCommon(), depth: depth)))
            }
            if row.header { header.append(cells) } else { body.append(cells) }
        }
        return .table(RSTTable(title: nil, headerRows: header, bodyRows: body))
    }
}
