/// Decides whether a URL in `href` or `src` may stay, on its decoded value.
enum URLPolicy {
    /// The URL to write, or `nil` to drop it. Leading and trailing spaces and controls are
    /// trimmed; for the scheme check every space and control character anywhere is removed first
    /// (browsers skip tabs and newlines inside schemes), so `java\tscript:` and ` javascript:` are
    /// caught. A URL whose first `:` comes before any `/`, `?` or `#` has a scheme, which must be
    /// in `allowedSchemes` (case-insensitive); anything else is relative and allowed.
    static func safeURL(_ value: String, allowedSchemes: Set<String>) -> String? {
        var scalars = Substring(value).unicodeScalars
        while let first = scalars.first, isSpaceOrControl(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpaceOrControl(last) { scalars.removeLast() }
        let url = String(scalars)
        var scheme = ""
        for scalar in scalars where !isSpaceOrControl(scalar) {
            switch scalar {
            case ":":
                return allowedSchemes.contains(scheme.lowercased()) ? url : nil
            case "/", "?", "#":
                return url
            default:
                scheme.unicodeScalars.append(scalar)
            }
        }
        return url
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
