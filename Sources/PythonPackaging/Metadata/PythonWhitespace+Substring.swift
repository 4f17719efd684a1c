extension PythonWhitespace {
    /// Python's `str.strip()` with no argument, on a slice: `text` without leading and trailing
    /// Python whitespace, as a new string.
    static func trimmedString(_ text: Substring) -> String {
        String(trimmed(String(text)))
    }
}
