/// The character grid of a grid table, split into rectangular cells.
struct RSTGrid: Sendable {
    struct Cell: Sendable, Equatable {
        var top: Int
        var left: Int
        var bottom: Int
        var right: Int
    }

    let rows: [[Character]]

    func at(_ row: Int, _ column: Int) -> Character {
        row < rows.count && column < rows[row].count ? rows[row][column] : " "
    }

    /// All cells, or nil when the grid is malformed. Corners are visited in reading order so a
    /// spanning cell claims its area before corners inside it are considered.
    func cells() -> [Cell]? {
        let height = rows.count
        let width = rows.first?.count ?? 0
        guard height > 1, width > 1 else { return nil }
        var pending = [0]
        var claimed = [Bool](repeating: false, count: height * width)
        var cells: [Cell] = []
        var area = 0
        func enqueue(_ key: Int) {
            var low = 0
            var high = pending.count
            while low < high {
                let middle = (low + high) / 2
                if pending[middle] < key { low = middle + 1 } else { high = middle }
            }
            if low < pending.count, pending[low] == key { return }
            pending.insert(key, at: low)
        }
        while !pending.isEmpty {
            let key = pending.removeFirst()
            let (top, left) = (key / width, key % width)
            guard top < height - 1, left < width - 1, at(top, left) == "+", !claimed[key] else { continue }
            guard let cell = scan(top: top, left: left) else { return nil }
            for row in cell.top..<cell.bottom {
                for column in cell.left..<cell.right { claimed[row * width + column] = true }
            }
            cells.append(cell)
            area += (cell.bottom - cell.top) * (cell.right - cell.left)
            enqueue(top * width + cell.right)
            enqueue(cell.bottom * width + left)
        }
        return area == (height - 1) * (width - 1) ? cells : nil
    }

    /// Scans right, down, left and up from a top-left corner for the smallest closed cell.
    func scan(top: Int, left: Int) -> Cell? {
        var right = left + 1
        while right < rows[top].count {
            let character = at(top, right)
            if character == "+" {
                var bottom = top + 1
                while bottom < rows.count {
                    let edge = at(bottom, right)
                    if edge == "+", closes(top: top, left: left, bottom: bottom, right: right) {
                        return Cell(top: top, left: left, bottom: bottom, right: right)
                    }
                    if edge != "+" && edge != "|" { break }
                    bottom += 1
                }
            } else if character != "-" && character != "=" {
                return nil
            }
            right += 1
        }
        return nil
    }

    private func closes(top: Int, left: Int, bottom: Int, right: Int) -> Bool {
        guard at(bottom, left) == "+" else { return false }
        for column in (left + 1)..<right where !"-=+".contains(at(bottom, column)) { return false }
        for row in (top + 1)..<bottom where !"|+".contains(at(row, left)) { return false }
        return true
    }

    /// The text lines inside a cell.
    func text(of cell: Cell) -> [String] {
        ((cell.top + 1)..<cell.bottom).map { row in
            let slice = rows[row][(cell.left + 1)..<min(cell.right, rows[row].count)]
            return String(String(slice).reversed().drop { $0 == " " }.reversed())
        }
    }
}
