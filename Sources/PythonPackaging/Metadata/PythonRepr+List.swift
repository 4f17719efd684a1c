extension PythonRepr {
    /// Python's `repr()` of a `list` of `str`, as in Warehouse's messages: `['a', 'b']`.
    static func quote(_ list: [String]) -> String {
        "[" + list.map { quote($0) }.joined(separator: ", ") + "]"
    }
}
