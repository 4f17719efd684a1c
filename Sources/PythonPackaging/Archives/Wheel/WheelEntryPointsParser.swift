/// The line-by-line reading of Python's `configparser.RawConfigParser._read` with the options
/// Warehouse uses: delimiter `=`, comment prefixes `#` and `;`, strict, no valueless options.
struct WheelEntryPointsParser {
    private(set) var groups: [(name: String, entryPoints: [WheelEntryPoints.EntryPoint])] = []
    private var current: Int?
    private var hasOption = false
    private var indentLevel = 0
    private var seenSections: Set<String> = []
    private var seenOptions: Set<[String]> = []

    mutating func read(_ line: String, number: Int) throws(WheelError) {
        let value = line.trimmingWhitespace()
        if value.hasPrefix("#") || value.hasPrefix(";") { return }
        if value.isEmpty {
            // An empty line inside a multi-line value belongs to it.
            if let current, hasOption { appendToLast(current, "") }
            return
        }
        let indent = line.prefix { $0.isWhitespace }.count
        if let current, hasOption, indent > indentLevel {
            appendToLast(current, value)
            return
        }
        indentLevel = indent
        if value.hasPrefix("["), let close = value.lastIndex(of: "]"),
            value.distance(from: value.startIndex, to: close) >= 2
        {
            let name = String(value[value.index(after: value.startIndex)..<close])
            if name != "DEFAULT" {
                guard seenSections.insert(name).inserted else {
                    throw WheelError("entry_points.txt has section '\(name)' twice (line \(number))")
                }
            }
            current =
                groups.firstIndex { $0.name == name }
                ?? {
                    groups.append((name, []))
                    return groups.count - 1
                }()
            hasOption = false
            return
        }
        guard let current else { throw WheelError("entry_points.txt has no section header before line \(number)") }
        guard let equals = value.firstIndex(of: "=") else {
            throw WheelError("entry_points.txt line \(number) is not 'name = value'")
        }
        let name = String(value[..<equals]).trimmingWhitespace()
        guard !name.isEmpty else { throw WheelError("entry_points.txt line \(number) has an empty name") }
        guard seenOptions.insert([groups[current].name, name]).inserted else {
            throw WheelError("entry_points.txt has '\(name)' twice in '\(groups[current].name)' (line \(number))")
        }
        let entryValue = String(value[value.index(after: equals)...]).trimmingWhitespace()
        groups[current].entryPoints.append(.init(name: name, value: entryValue))
        hasOption = true
    }

    private mutating func appendToLast(_ group: Int, _ line: String) {
        guard let last = groups[group].entryPoints.popLast() else { return }
        groups[group].entryPoints.append(.init(name: last.name, value: last.value + "\n" + line))
    }
}

extension String {
    /// The string without leading and trailing whitespace, like Python's `str.strip()`.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
