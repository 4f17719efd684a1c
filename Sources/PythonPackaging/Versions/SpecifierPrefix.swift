/// Prefix matching (`==1.4.*`, and the prefix implied by `~=`), done on version strings split
/// into components exactly as packaging's `_version_split`, `_left_pad` and `_compare_equal` do.
///
/// packaging derives the `~=` prefix from the specifier text as written, so spellings matter
/// (`~=1.4c1` implies `==1.4.*` while `~=1.4rc1` implies `==1.*`); this type keeps those rules.
struct SpecifierPrefix: Hashable, Sendable {
    /// The split prefix, e.g. `["0", "1", "4"]` for `1.4.*`.
    let components: [String]
    /// How many leading components are all digits.
    let numericCount: Int

    /// The prefix of `==<text>.*` (`text` without the `.*`).
    init(wildcard text: String) {
        let normalized = (try? Version(parsing: text))?.description ?? text
        components = Self.split(normalized)
        numericCount = Self.numericPrefixCount(components)
    }

    /// The prefix `~=<text>` implies: the components of `text` before the first suffix
    /// component (`dev`, `a`, `b`, `rc`, `post`), without the last one.
    init(compatible text: String) {
        let kept = Self.split(text).prefix { !Self.isSuffix($0) }.dropLast()
        self.init(wildcard: kept.prefix(1).joined() + "!" + kept.dropFirst().joined(separator: "."))
    }

    /// Whether `version` (its public part) starts with this prefix, missing release parts
    /// counting as zeros.
    func matches(_ version: Version) -> Bool {
        var split = Self.split(version.publicVersion.description)
        let padding = numericCount - Self.numericPrefixCount(split)
        if padding > 0 {
            let numeric = Self.numericPrefixCount(split)
            split.insert(contentsOf: repeatElement("0", count: padding), at: numeric)
        }
        return split.prefix(components.count).elementsEqual(components)
    }

    /// `_version_split`: the epoch (or `0`), then the dot-separated items, each item of the form
    /// `<digits><a|b|c|rc><digits>` split in two.
    static func split(_ version: String) -> [String] {
        let utf8 = version.utf8
        var result: [String] = []
        let rest: Substring
        if let bang = utf8.lastIndex(of: UInt8(ascii: "!")) {
            let epoch = Substring(utf8[..<bang])
            result.append(epoch.isEmpty ? "0" : String(epoch))
            rest = Substring(utf8[utf8.index(after: bang)...])
        } else {
            result.append("0")
            rest = Substring(version)
        }
        for item in rest.split(separator: ".", omittingEmptySubsequences: false) {
            if let (number, pre) = splitPreRelease(item) {
                result.append(String(number))
                result.append(String(pre))
            } else {
                result.append(String(item))
            }
        }
        return result
    }

    /// `([0-9]+)((?:a|b|c|rc)[0-9]+)` matched against the whole of `item`.
    private static func splitPreRelease(_ item: Substring) -> (Substring, Substring)? {
        let bytes = item.utf8
        guard let letters = bytes.firstIndex(where: { !VersionParser.isDigit($0) }),
            letters != bytes.startIndex
        else { return nil }
        let tail = bytes[letters...]
        let letterCount: Int
        switch tail.first {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c"):
            letterCount = 1
        default:
            guard tail.starts(with: "rc".utf8) else { return nil }
            letterCount = 2
        }
        let digits = tail.dropFirst(letterCount)
        guard !digits.isEmpty, digits.allSatisfy(VersionParser.isDigit) else { return nil }
        return (Substring(bytes[..<letters]), Substring(tail))
    }

    private static func isSuffix(_ component: String) -> Bool {
        ["dev", "a", "b", "rc", "post"].contains { component.utf8.starts(with: $0.utf8) }
    }

    private static func numericPrefixCount(_ components: [String]) -> Int {
        components.prefix {
            !$0.isEmpty && $0.utf8.allSatisfy(VersionParser.isDigit)
        }.count
    }
}
