/// A `License-Expression` (PEP 639): an SPDX license expression such as
/// `MIT AND (Apache-2.0 OR BSD-2-Clause)`, checked and canonicalised as
/// `packaging.licenses.canonicalize_license_expression` does.
///
/// The grammar is SPDX's: license identifiers (optionally followed by `+`) and
/// `LicenseRef-` references combined with `AND`, `OR` and `WITH` (a license exception) and
/// parentheses. Identifiers and operators are matched case-insensitively against the SPDX
/// lists bundled with `packaging` (``spdxVersion``). As in `packaging`, `DocumentRef-`
/// references are not accepted.
public struct LicenseExpression: Hashable, Sendable, CustomStringConvertible {
    /// The canonical form: identifiers in SPDX's spelling, `LicenseRef-` with its prefix in
    /// that case, operators in upper case, one space between tokens and none inside
    /// parentheses, e.g. `MIT AND (Apache-2.0 OR BSD-2-Clause)`.
    public let normalized: String

    /// Checks and canonicalises `text`, e.g. `mit and (apache-2.0 or bsd-2-clause)`.
    ///
    /// Throws ``LicenseExpressionError`` with `packaging`'s message: `Invalid license
    /// expression: '(mit'`, `Unknown license: 'foo'`, `Unknown license exception: 'foo'` or
    /// `Invalid licenseref: 'licenseref-a_b'`. Where `packaging` fails with an uncaught
    /// exception (a `LicenseRef-` followed by `+`, which SPDX does not allow, raises `KeyError`;
    /// expressions deeper than Python's parser manages raise `MemoryError`) this throws instead:
    /// `Invalid licenseref: 'licenseref-a+'`, and `Invalid license expression` for more than
    /// 200 nested parentheses, CPython's limit.
    public init(parsing text: String) throws(LicenseExpressionError) {
        let tokens = LicenseToken.split(text)
        guard LicenseToken.isWellFormed(tokens) else {
            throw LicenseExpressionError(message: "Invalid license expression: \(PythonRepr.quote(text))")
        }
        // `packaging` maps each `LicenseRef-` token, lower-cased, to its spelling; a later
        // token overrides an earlier one that differs only in case.
        var references: [String: String] = [:]
        for token in tokens where token.lowered.utf8.starts(with: Self.referencePrefix.utf8) {
            references[token.lowered] = "LicenseRef-" + String(token.original.unicodeScalars.dropFirst(11))
        }
        var result = ""
        var previous: LicenseToken?
        for token in tokens {
            let canonical: String
            if let keyword = token.keyword {
                canonical = keyword
            } else if previous?.keyword == "WITH" {
                guard let exception = Self.exceptionsByKey[token.lowered] else {
                    throw LicenseExpressionError(
                        message: "Unknown license exception: \(PythonRepr.quote(token.lowered))")
                }
                canonical = exception
            } else {
                canonical = try Self.canonicalLicense(token.lowered, references: references)
            }
            if let previous, previous.keyword != "(", token.keyword != ")" { result += " " }
            result += canonical
            previous = token
        }
        normalized = result
    }

    /// ``normalized``.
    public var description: String { normalized }

    private static let referencePrefix = "licenseref-"

    /// A license identifier, optionally followed by `+`, or a `LicenseRef-`.
    private static func canonicalLicense(
        _ lowered: String, references: [String: String]
    ) throws(LicenseExpressionError) -> String {
        let plus = lowered.utf8.last == UInt8(ascii: "+")
        let identifier = plus ? String(lowered.unicodeScalars.dropLast()) : lowered
        let suffix = plus ? "+" : ""
        guard identifier.utf8.starts(with: referencePrefix.utf8) else {
            guard let license = licensesByKey[identifier] else {
                throw LicenseExpressionError(message: "Unknown license: \(PythonRepr.quote(identifier))")
            }
            return license + suffix
        }
        guard identifier.utf8.allSatisfy(isReferenceByte) else {
            throw LicenseExpressionError(message: "Invalid licenseref: \(PythonRepr.quote(identifier))")
        }
        // `packaging` looks the reference up without its `+` and fails with `KeyError` unless
        // the same reference also appears without one.
        guard let reference = references[identifier] else {
            throw LicenseExpressionError(message: "Invalid licenseref: \(PythonRepr.quote(lowered))")
        }
        return reference + suffix
    }

    /// `[A-Za-z0-9.-]`, the characters `packaging` allows in a `LicenseRef-`.
    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// SPDX license identifiers by their lower-case form.
    static let licensesByKey: [String: String] = byKey(licenseIDs)
    /// SPDX exception identifiers by their lower-case form.
    static let exceptionsByKey: [String: String] = byKey(exceptionIDs)

    private static func byKey(_ identifiers: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: identifiers.map { ($0.lowercased(), $0) })
    }
}

/// Why a `License-Expression` was refused, in `packaging.licenses`' words.
public struct LicenseExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message of `packaging.licenses.InvalidLicenseExpression`, e.g.
    /// `Unknown license: 'use-it-after-midnight'`.
    public var message: String

    /// Creates an error with `message`.
    public init(message: String) {
        self.message = message
    }

    /// ``message``.
    public var description: String { message }
}
