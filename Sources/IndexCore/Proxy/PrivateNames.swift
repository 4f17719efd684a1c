import PythonPackaging

/// Names reserved for private projects (`cheeseshop name reserve 'acme-*'`): never fetched from
/// an upstream index, and free for an upload to create even when an upstream has them. Patterns
/// are normalized names in which `*` stands for any run of characters; they are kept in the
/// deployment setting ``settingName``, one per line, shared by every node.
public struct PrivateNames: Hashable, Sendable {
    /// The deployment setting holding the patterns.
    public static let settingName = "private-names"

    /// The patterns, normalized, sorted, without duplicates.
    public let patterns: [String]

    /// The patterns of `setting` (one per line; blank lines ignored).
    public init(setting: String?) {
        self.init(patterns: (setting ?? "").split(whereSeparator: \.isNewline).map(String.init))
    }

    /// The given patterns, normalized (a `*` stays a `*`).
    public init(patterns: [String]) {
        let normalized = patterns.compactMap { pattern -> String? in
            let trimmed = pattern.trimmingWhitespace()
            guard !trimmed.isEmpty else { return nil }
            return trimmed.split(separator: "*", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : ProjectName.normalize(String($0)) }.joined(separator: "*")
        }
        self.patterns = Array(Set(normalized)).sorted()
    }

    /// The setting's text.
    public var setting: String { patterns.joined(separator: "\n") }

    /// Whether `normalizedName` matches a pattern.
    public func contains(_ normalizedName: String) -> Bool {
        patterns.contains { Self.matches(normalizedName, pattern: $0) }
    }

    /// Whether `name` matches `pattern`, where `*` is any run of characters.
    public static func matches(_ name: String, pattern: String) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let text = Array(name.utf8)
        guard pieces.count > 1 else { return text == pieces[0] }
        guard text.starts(with: pieces[0]), text.count >= pieces[0].count + pieces[pieces.count - 1].count,
            text.reversed().starts(with: pieces[pieces.count - 1].reversed())
        else { return false }
        var position = pieces[0].count
        let end = text.count - pieces[pieces.count - 1].count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = Self.find(piece, in: text, from: position, to: end) else { return false }
            position = found + piece.count
        }
        return position <= end
    }

    private static func find(_ piece: [UInt8], in text: [UInt8], from start: Int, to end: Int) -> Int? {
        guard end - start >= piece.count else { return nil }
        for index in start...(end - piece.count) where text[index..<index + piece.count].elementsEqual(piece) {
            return index
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
