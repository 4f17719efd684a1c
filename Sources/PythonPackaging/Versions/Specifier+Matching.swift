extension Specifier {
    /// Whether `version` satisfies this specifier, as packaging's `Specifier.contains`.
    ///
    /// Pre-releases match unless `prereleases` is `false`: packaging 26 accepts a matching
    /// pre-release when it is the only candidate, which a single version always is.
    public func contains(_ version: Version, prereleases: Bool? = nil) -> Bool {
        if prereleases == false && version.isPrerelease {
            return false
        }
        return matches(version, text: version.description)
    }

    /// Whether the version string `text` satisfies this specifier. Strings that are not valid
    /// versions can only match `===`; for `===` the string is compared as given.
    public func contains(_ text: String, prereleases: Bool? = nil) -> Bool {
        guard let version = try? Version(parsing: text) else {
            return self.operator == .arbitrary && Self.arbitraryEqual(text, self.version)
        }
        if prereleases == false && version.isPrerelease {
            return false
        }
        return matches(version, text: text)
    }

    /// The operator's comparison of a valid `version` (written as `text`), prerelease rules aside.
    func matches(_ version: Version, text: String) -> Bool {
        switch self.operator {
        case .arbitrary:
            return Self.arbitraryEqual(text, self.version)
        case .equal:
            return equals(version)
        case .notEqual:
            return !equals(version)
        case .compatible, .lessThanOrEqual, .greaterThanOrEqual, .lessThan, .greaterThan:
            guard let bound = parsedVersion else { return false }
            return compare(version, with: bound)
        }
    }

    private func compare(_ version: Version, with bound: Version) -> Bool {
        switch self.operator {
        case .compatible:
            return version.publicVersion >= bound
                && SpecifierPrefix(compatible: self.version).matches(version)
        case .lessThanOrEqual:
            return version.publicVersion <= bound
        case .greaterThanOrEqual:
            return version.publicVersion >= bound
        case .lessThan:
            // PEP 440: `<V` excludes pre-releases of V itself unless V is a pre-release.
            guard version < bound else { return false }
            let earliest = Version(
                epoch: bound.epoch, release: bound.release, pre: bound.pre, post: bound.post, dev: 0
            )
            return bound.isPrerelease || !version.isPrerelease || version < earliest
        default:
            // `>V` excludes post-releases of V (unless V is one) and local versions of V.
            guard version > bound else { return false }
            if !bound.isPostrelease && version.isPostrelease
                && Version(epoch: version.epoch, release: version.release, pre: version.pre)
                    == bound
            {
                return false
            }
            return !(version.isLocal && version.publicVersion == bound)
        }
    }

    /// `==` (or the negation of `!=`): prefix match for `.*`, else version equality ignoring the
    /// candidate's local label unless the specifier has one.
    private func equals(_ version: Version) -> Bool {
        guard let bound = parsedVersion else {
            return SpecifierPrefix(wildcard: String(self.version.dropLast(2))).matches(version)
        }
        return (bound.isLocal ? version : version.publicVersion) == bound
    }

    /// `===`: Python's `str.lower()` of both sides compared by code point.
    static func arbitraryEqual(_ candidate: String, _ specified: String) -> Bool {
        PythonText.lower(candidate).unicodeScalars
            .elementsEqual(PythonText.lower(specified).unicodeScalars)
    }
}

extension Specifier: Hashable {
    /// packaging's `_canonical_spec`: the operator and the canonical version (trailing zeros kept
    /// for `~=`); `===` and `.*` versions as written.
    var canonicalKey: (Operator, String) {
        guard let parsedVersion else { return (self.operator, version) }
        let text =
            self.operator == .compatible ? parsedVersion.description : parsedVersion.canonicalized
        return (self.operator, text)
    }

    /// Equal when the canonical forms are equal: `==1.2.3` equals `== 1.2.3.0`.
    public static func == (lhs: Specifier, rhs: Specifier) -> Bool {
        lhs.canonicalKey.0 == rhs.canonicalKey.0
            && lhs.canonicalKey.1.unicodeScalars.elementsEqual(rhs.canonicalKey.1.unicodeScalars)
    }

    public func hash(into hasher: inout Hasher) {
        let key = canonicalKey
        hasher.combine(key.0)
        hasher.combine(key.1.utf8.count)
        for byte in key.1.utf8 {
            hasher.combine(byte)
        }
    }
}
