/// One version specifier clause of PEP 440, such as `>=1.0`, `~=2.2`, `==1.4.*` or `===foo`,
/// parsed and matched exactly as Python's `packaging.specifiers.Specifier`.
public struct Specifier: Sendable, CustomStringConvertible {
    /// The comparison operators of PEP 440.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        /// `~=`: compatible release.
        case compatible = "~="
        /// `==`: version matching, with `.*` prefix matching.
        case equal = "=="
        /// `!=`: version exclusion, with `.*` prefix matching.
        case notEqual = "!="
        /// `<=`: inclusive ordered comparison.
        case lessThanOrEqual = "<="
        /// `>=`: inclusive ordered comparison.
        case greaterThanOrEqual = ">="
        /// `<`: exclusive ordered comparison.
        case lessThan = "<"
        /// `>`: exclusive ordered comparison.
        case greaterThan = ">"
        /// `===`: arbitrary equality, a case-insensitive string comparison.
        case arbitrary = "==="
    }

    /// The operator.
    public let `operator`: Operator
    /// The version text as written (surrounding whitespace removed), e.g. `1.0.*` or `V1.0`.
    public let version: String
    /// The parsed version, `nil` for `===` and for `.*` prefixes.
    let parsedVersion: Version?

    /// Parses one specifier clause, allowing whitespace around it and after the operator.
    ///
    /// Follows packaging's specifier grammar: `~=` needs at least two release parts, `.*` is only
    /// allowed with `==` and `!=` and only after a release, local versions only with `==` and
    /// `!=`, and `===` takes any text without whitespace, `;` or `)`.
    ///
    /// - Throws: `SpecifierError` ("Invalid specifier: '...'").
    public init(parsing text: String) throws(SpecifierError) {
        let trimmed = PythonWhitespace.trimmed(text)
        guard
            let parsedOperator = Self.operatorsByLength.first(where: {
                trimmed.utf8.starts(with: $0.rawValue.utf8)
            })
        else {
            throw SpecifierError(input: text)
        }
        let rest = Substring(trimmed.utf8.dropFirst(parsedOperator.rawValue.utf8.count))
        let versionText = String(PythonWhitespace.trimmed(String(rest)))
        guard let parsed = Self.validate(versionText, for: parsedOperator) else {
            throw SpecifierError(input: text)
        }
        self.operator = parsedOperator
        self.version = versionText
        if case .version(let version) = parsed {
            self.parsedVersion = version
        } else {
            self.parsedVersion = nil
        }
    }

    /// `operator` followed by `version`, as packaging's `str(Specifier)`.
    public var description: String { self.operator.rawValue + version }

    /// Longest first, so that `===` is not read as `==` and `<=` not as `<`.
    private static let operatorsByLength: [Operator] = [
        .arbitrary, .compatible, .equal, .notEqual, .lessThanOrEqual, .greaterThanOrEqual,
        .lessThan, .greaterThan,
    ]

    private enum ParsedText {
        case version(Version)
        case arbitraryOrPrefix
    }

    /// Checks `text` against packaging's version grammar for `op`.
    private static func validate(_ text: String, for op: Operator) -> ParsedText? {
        switch op {
        case .arbitrary:
            let forbidden = text.unicodeScalars.contains {
                PythonWhitespace.contains($0) || $0 == ";" || $0 == ")"
            }
            return forbidden ? nil : .arbitraryOrPrefix
        case .equal, .notEqual:
            if text.utf8.reversed().starts(with: "*.".utf8) {
                return isWildcardPrefix(text.utf8.dropLast(2)) ? .arbitraryOrPrefix : nil
            }
            return VersionParser.parse(bytes: text.utf8).map(ParsedText.version)
        case .compatible:
            guard let version = VersionParser.parse(bytes: text.utf8), !version.isLocal,
                version.release.count >= 2
            else { return nil }
            return .version(version)
        case .lessThanOrEqual, .greaterThanOrEqual, .lessThan, .greaterThan:
            guard let version = VersionParser.parse(bytes: text.utf8), !version.isLocal else {
                return nil
            }
            return .version(version)
        }
    }

    /// `v?([0-9]+!)?[0-9]+(\.[0-9]+)*`, the part before `.*`: a version with only a release.
    private static func isWildcardPrefix(_ bytes: Substring.UTF8View) -> Bool {
        guard let version = VersionParser.parse(bytes: bytes) else { return false }
        return version.pre == nil && version.post == nil && version.dev == nil && !version.isLocal
    }
}
