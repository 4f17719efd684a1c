import Testing

@testable import PythonPackaging

/// Expected values come from `packaging.licenses.canonicalize_license_expression`
/// (packaging 26.2, SPDX license list 3.27.0).
@Suite struct MetadataLicenseTests {
    static let canonical: [(String, String)] = [
        ("mit", "MIT"),
        ("MIT", "MIT"),
        ("mit and (apache-2.0 or bsd-2-clause)", "MIT AND (Apache-2.0 OR BSD-2-Clause)"),
        ("(mit)", "(MIT)"),
        ("((mit))", "((MIT))"),
        ("gpl-2.0-or-later WITH classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"),
        ("mit+", "MIT+"),
        ("Apache-2.0 OR MIT", "Apache-2.0 OR MIT"),
        ("LicenseRef-Foo AND licenseref-FOO", "LicenseRef-FOO AND LicenseRef-FOO"),
        ("LicenseRef-a OR LicenseRef-a+", "LicenseRef-a OR LicenseRef-a+"),
        ("licenseref-", "LicenseRef-"),
        ("LicenseRef-My-License.2", "LicenseRef-My-License.2"),
        ("\u{212A}nuth-ctan", "Knuth-CTAN"),
        ("mit\u{3000}and\u{3000}bsd-2-clause", "MIT AND BSD-2-Clause"),
        ("\tmit\n", "MIT"),
        ("(MIT OR Apache-2.0)AND(BSD-3-Clause)", "(MIT OR Apache-2.0) AND (BSD-3-Clause)"),
        (
            String(repeating: "(", count: 200) + "mit" + String(repeating: ")", count: 200),
            String(repeating: "(", count: 200) + "MIT" + String(repeating: ")", count: 200)
        ),
    ]

    @Test(arguments: canonical)
    func canonicalisesLikePackaging(_ text: String, _ normalized: String) throws {
        let expression = try LicenseExpression(parsing: text)
        #expect(expression.normalized == normalized)
        #expect(expression.description == normalized)
    }

    static let refusals: [(String, String)] = [
        ("", "Invalid license expression: ''"),
        (" ", "Invalid license expression: ' '"),
        ("(mit", "Invalid license expression: '(mit'"),
        ("mit)", "Invalid license expression: 'mit)'"),
        ("mit ()", "Invalid license expression: 'mit ()'"),
        ("()", "Invalid license expression: '()'"),
        ("mit and", "Invalid license expression: 'mit and'"),
        ("and", "Invalid license expression: 'and'"),
        ("with", "Invalid license expression: 'with'"),
        ("mit mit", "Invalid license expression: 'mit mit'"),
        ("mit (apache-2.0)", "Invalid license expression: 'mit (apache-2.0)'"),
        ("not mit", "Invalid license expression: 'not mit'"),
        ("(mit) (bsd-2-clause)", "Invalid license expression: '(mit) (bsd-2-clause)'"),
        ("mit or with", "Invalid license expression: 'mit or with'"),
        ("mit or not", "Unknown license: 'not'"),
        ("Use-it-after-midnight", "Unknown license: 'use-it-after-midnight'"),
        ("DocumentRef-x:LicenseRef-y", "Unknown license: 'documentref-x:licenseref-y'"),
        ("mit++", "Unknown license: 'mit+'"),
        ("+", "Unknown license: ''"),
        ("MIT WITH foo", "Unknown license exception: 'foo'"),
        ("mit with mit", "Unknown license exception: 'mit'"),
        ("mit with classpath-exception-2.0+", "Unknown license exception: 'classpath-exception-2.0+'"),
        ("mit with (classpath-exception-2.0)", "Unknown license: 'classpath-exception-2.0'"),
        ("LicenseRef-a_b", "Invalid licenseref: 'licenseref-a_b'"),
        ("it's", "Unknown license: \"it's\""),
        // Python's str.lower(): full mappings and the final sigma.
        ("\u{0391}\u{03A3}", "Unknown license: '\u{03B1}\u{03C2}'"),
        ("\u{0391}\u{03A3}\u{0391}", "Unknown license: '\u{03B1}\u{03C3}\u{03B1}'"),
        ("\u{03A3}", "Unknown license: '\u{03C3}'"),
        ("A\u{0301}\u{03A3}", "Unknown license: 'a\u{0301}\u{03C2}'"),
        ("A\u{03A3}\u{0301}B", "Unknown license: 'a\u{03C3}\u{0301}b'"),
        ("A\u{03A3}\u{0301}", "Unknown license: 'a\u{03C2}\u{0301}'"),
        ("\u{01C5}", "Unknown license: '\u{01C6}'"),
        ("\u{0130}", "Unknown license: 'i\u{0307}'"),
        // packaging raises KeyError (a crash) for these: SPDX allows no `+` after a LicenseRef.
        ("LicenseRef-foo+", "Invalid licenseref: 'licenseref-foo+'"),
        ("licenseref-+", "Invalid licenseref: 'licenseref-+'"),
        // CPython's tokenizer allows 200 nested parentheses.
        (
            String(repeating: "(", count: 201) + "mit" + String(repeating: ")", count: 201),
            "Invalid license expression: '" + String(repeating: "(", count: 201) + "mit"
                + String(repeating: ")", count: 201) + "'"
        ),
    ]

    @Test(arguments: refusals)
    func refusesWithPackagingMessage(_ text: String, _ message: String) {
        #expect(throws: LicenseExpressionError(message: message)) { try LicenseExpression(parsing: text) }
        #expect(LicenseExpressionError(message: message).description == message)
    }

    @Test func tablesComeFromPackaging() throws {
        #expect(LicenseExpression.spdxVersion == "3.27.0")
        #expect(LicenseExpression.licensesByKey.count == LicenseExpression.licenseIDs.count)
        #expect(LicenseExpression.exceptionsByKey.count == LicenseExpression.exceptionIDs.count)
        #expect(LicenseExpression.licensesByKey["bsd-2-clause"] == "BSD-2-Clause")
        #expect(LicenseExpression.exceptionsByKey["llvm-exception"] == "LLVM-exception")
    }

    static let base: [String: [String]] = ["metadata_version": ["2.4"], "name": ["foo"], "version": ["1.0"]]

    @Test func metadataHoldsTheCanonicalExpression() throws {
        var form = Self.base
        form["license_expression"] = ["mit or apache-2.0"]
        let metadata = try CoreMetadata.validated(form: form).metadata
        #expect(metadata.licenseExpression?.normalized == "MIT OR Apache-2.0")
    }

    @Test(arguments: ["(mit", "Use-it-after-midnight", "LicenseRef-foo+"])
    func metadataRefusesInvalidExpressionsWithoutTheCause(_ text: String) {
        var form = Self.base
        form["license_expression"] = [text]
        #expect(
            throws: MetadataError(
                field: "license-expression", message: "\(PythonRepr.quote(text)) is invalid for 'license-expression'")
        ) { try CoreMetadata.validated(form: form) }
    }
}
