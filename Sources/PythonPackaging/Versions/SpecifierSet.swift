/// A comma-separated set of version specifiers (PEP 440), such as `>=1.0,!=1.3.4,<2`, parsed and
/// matched as Python's `packaging.specifiers.SpecifierSet`. A version matches when it satisfies
/// every specifier; the empty set matches every version.
public struct SpecifierSet: Hashable, Sendable, CustomStringConvertible {
    /// The specifiers in the order written.
    public let specifiers: [Specifier]

    /// The empty set, which every version satisfies.
    public init() {
        specifiers = []
    }

    /// Creates a set of `specifiers`.
    public init(_ specifiers: [Specifier]) {
        self.specifiers = specifiers
    }

    /// Parses `text`: specifiers separated by commas, whitespace around each ignored, empty
    /// items skipped (so `""` is the empty set).
    ///
    /// - Throws: `SpecifierError` naming the first item that is not a valid specifier.
    public init(parsing text: String) throws(SpecifierError) {
        var specifiers: [Specifier] = []
        for item in text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let trimmed = PythonWhitespace.trimmed(String(Substring(item)))
            if !trimmed.isEmpty {
                specifiers.append(try Specifier(parsing: String(trimmed)))
            }
        }
        self.specifiers = specifiers
    }

    /// Whether there are no specifiers.
    public var isEmpty: Bool { specifiers.isEmpty }

    /// packaging's canonical order: sorted by text, duplicates (equal specifiers) removed keeping
    /// the first.
    var canonicalSpecifiers: [Specifier] {
        let sorted = specifiers.sorted {
            $0.description.unicodeScalars.lexicographicallyPrecedes($1.description.unicodeScalars) {
                $0.value < $1.value
            }
        }
        var seen = Set<Specifier>()
        return sorted.filter { seen.insert($0).inserted }
    }

    /// The specifiers sorted and deduplicated, joined by commas, as `str(SpecifierSet)`.
    public var description: String {
        canonicalSpecifiers.map(\.description).joined(separator: ",")
    }

    /// Whether `version` satisfies every specifier, as packaging's `SpecifierSet.contains`:
    /// pre-releases match unless `prereleases` is `false`.
    public func contains(_ version: Version, prereleases: Bool? = nil) -> Bool {
        if prereleases == false && version.isPrerelease {
            return false
        }
        let text = version.description
        return specifiers.allSatisfy { $0.matches(version, text: text) }
    }

    /// Whether the version string `text` satisfies every specifier. A string that is not a valid
    /// version matches only a set made of `===` specifiers equal to it.
    public func contains(_ text: String, prereleases: Bool? = nil) -> Bool {
        guard let version = try? Version(parsing: text) else {
            return specifiers.allSatisfy {
                $0.operator == .arbitrary && Specifier.arbitraryEqual(text, $0.version)
            }
        }
        if prereleases == false && version.isPrerelease {
            return false
        }
        return specifiers.allSatisfy { $0.matches(version, text: text) }
    }

    /// Equal when the canonical specifiers are equal, ignoring order and duplicates.
    public static func == (lhs: SpecifierSet, rhs: SpecifierSet) -> Bool {
        lhs.canonicalSpecifiers == rhs.canonicalSpecifiers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(canonicalSpecifiers)
    }
}
