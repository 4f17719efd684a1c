import Testing

@testable import PythonPackaging

/// Expected values were produced by Python's packaging 26.2 (`str(Specifier(s))`,
/// `InvalidSpecifier`, `Specifier.contains(v, prereleases=None/False/True)`, `SpecifierSet`).
/// Containment results are three flags for `prereleases` = `nil`, `false`, `true`.
@Suite struct SpecifierTests {
    static let normalized: [(String, String)] = [
        (">= 1.0", ">=1.0"),
        ("==V1.0", "==V1.0"),
        ("===", "==="),
        ("=== foo", "===foo"),
        ("==1.0.*", "==1.0.*"),
        ("!=2.*", "!=2.*"),
        (" ~= 1.0 ", "~=1.0"),
        ("~=1!2.0a1.post1.dev1", "~=1!2.0a1.post1.dev1"),
        ("==1.0+local", "==1.0+local"),
        ("!=1.0+Ubuntu-1", "!=1.0+Ubuntu-1"),
        ("<1.0rc1", "<1.0rc1"),
        (">1.0.post1", ">1.0.post1"),
        ("<=2", "<=2"),
        (">=1.0.dev0", ">=1.0.dev0"),
        ("==1.0\u{3000}", "==1.0"),
        ("=== a\u{E9}'", "===a\u{E9}'"),
        ("==v1!1.0.*", "==v1!1.0.*"),
    ]

    static let invalidMessages: [(String, String)] = [
        ("~=1", "Invalid specifier: '~=1'"),
        ("<1.0.*", "Invalid specifier: '<1.0.*'"),
        ("<=1.0+local", "Invalid specifier: '<=1.0+local'"),
        ("~=1.0+l", "Invalid specifier: '~=1.0+l'"),
        (">=1.0a1.*", "Invalid specifier: '>=1.0a1.*'"),
        ("==1.0a1.*", "Invalid specifier: '==1.0a1.*'"),
        ("== 1.0 .*", "Invalid specifier: '== 1.0 .*'"),
        ("foo", "Invalid specifier: 'foo'"),
        ("=>1.0", "Invalid specifier: '=>1.0'"),
        ("", "Invalid specifier: ''"),
        ("==", "Invalid specifier: '=='"),
        ("=== a b", "Invalid specifier: '=== a b'"),
        ("===a;b", "Invalid specifier: '===a;b'"),
        ("===a)", "Invalid specifier: '===a)'"),
        ("==1.0.*.*", "Invalid specifier: '==1.0.*.*'"),
        ("==\u{E9}1", "Invalid specifier: '==\u{E9}1'"),
        (">=1.0-", "Invalid specifier: '>=1.0-'"),
        ("<1.0+", "Invalid specifier: '<1.0+'"),
        ("!=1.0.post1.*", "Invalid specifier: '!=1.0.post1.*'"),
        ("~=1.0.*", "Invalid specifier: '~=1.0.*'"),
        ("=1.0", "Invalid specifier: '=1.0'"),
        ("==1.0 1", "Invalid specifier: '==1.0 1'"),
    ]

    static let containment: [(String, String, String)] = [
        ("~=2.2", "2.3", "111"),
        ("~=2.2", "3.0", "000"),
        ("~=2.2", "2.2", "111"),
        ("~=2.2", "2.1", "000"),
        ("~=1.4.5", "1.4.9", "111"),
        ("~=1.4.5", "1.5.0", "000"),
        ("~=1.4.5a4", "1.4.5", "111"),
        ("~=1.4.5a4", "1.4.6a1", "101"),
        ("~=1.4c1", "1.5", "000"),
        ("~=1.4rc1", "1.5", "111"),
        ("~=1.4.POST1", "1.5", "000"),
        ("~=v1.4", "1.5", "000"),
        ("~=1.4.pre.1", "1.4rc2", "000"),
        ("~=1!1.0", "1!1.1", "111"),
        ("~=1!1.0", "1.1", "000"),
        ("==1.0", "1.0.0", "111"),
        ("==1.0", "1.0+local", "111"),
        ("==1.0+local", "1.0", "000"),
        ("==1.0+local", "1.0+LOCAL", "111"),
        ("==1.0.*", "1.0.5", "111"),
        ("==1.0.*", "1.0", "111"),
        ("==1.0.*", "1", "111"),
        ("==1.0.*", "1.1", "000"),
        ("==1.0.*", "1.0a1", "101"),
        ("==1.0.*", "1.0.post1+x", "111"),
        ("==1.0.0.*", "1.0rc1", "101"),
        ("==1!1.*", "1.5", "000"),
        ("==0!1.*", "1.5", "111"),
        ("!=1.0", "1.0", "000"),
        ("!=1.0", "1.1", "111"),
        ("!=1.0.*", "1.0.1", "000"),
        ("!=1.0.*", "1.1a1", "101"),
        ("<=1.0", "1.0+local", "111"),
        ("<=1.0", "1.0.post0", "000"),
        (">=1.0", "1.0+local", "111"),
        (">=1.0", "1.0a1", "000"),
        (">=1.0a1", "1.0a1", "101"),
        ("<1.0", "0.9", "111"),
        ("<1.0", "1.0a1", "000"),
        ("<1.0", "1.0.dev0", "000"),
        ("<1.0", "0.9a1", "101"),
        ("<1.0rc1", "1.0a1", "101"),
        ("<1.0.post1", "1.0.post1.dev1", "000"),
        ("<1.0", "1.0+local", "000"),
        (">1.0", "1.0.post1", "000"),
        (">1.0", "1.0+local", "000"),
        (">1.0", "1.1", "111"),
        (">1.0", "1.0.1a1", "101"),
        (">1.0.post1", "1.0.post2", "111"),
        (">1.0a1", "1.0a1+local", "000"),
        (">1.0a1", "1.0a1.post1", "000"),
        (">1.0a1", "1.0a2+local", "101"),
        ("===1.0", "1.0", "111"),
        ("===1.0", "1.0.0", "000"),
        ("===1.0", "foo", "000"),
        ("===foo", "FOO", "111"),
        ("===1.0a1", "1.0A1", "101"),
        (">=1.0", "foo", "000"),
        ("==1.0", "1.0a1", "000"),
    ]

    static let equality: [(String, String, Bool)] = [
        ("==1.2.3", "== 1.2.3.0", true),
        ("~=1.0", "~=1.0", true),
        ("~=1.0", "~=1.0.0", false),
        ("==1.0.*", "==1.0.0.*", false),
        ("===1.0", "===1.0", true),
        ("===1.0", "===1.0.0", false),
        (">=1", ">=1.0", true),
        (">=1", ">1", false),
        ("==v1.0", "==1", true),
    ]

    @Test(arguments: normalized)
    func parsesAndPrintsAsWritten(input: String, expected: String) throws {
        #expect(try Specifier(parsing: input).description == expected)
    }

    @Test(arguments: invalidMessages)
    func refusesInvalidSpecifiersWithPackagingsMessage(input: String, message: String) {
        #expect(throws: SpecifierError(input: input)) { try Specifier(parsing: input) }
        #expect(SpecifierError(input: input).description == message)
    }

    @Test func refusesCompatibleVersionsSpelledWithNonASCIILetters() {
        // packaging's regex accepts "ı" for "i" here but then cannot parse the version.
        #expect(throws: SpecifierError(input: "~=1.0prev\u{131}ew1")) {
            try Specifier(parsing: "~=1.0prev\u{131}ew1")
        }
    }

    @Test(arguments: containment)
    func containsLikePackaging(specifier: String, candidate: String, expected: String) throws {
        let parsed = try Specifier(parsing: specifier)
        let flags = [nil, false, true].map {
            parsed.contains(candidate, prereleases: $0) ? "1" : "0"
        }
        #expect(flags.joined() == expected)
        if let version = try? Version(parsing: candidate), parsed.operator != .arbitrary {
            let versionFlags = [nil, false, true].map {
                parsed.contains(version, prereleases: $0) ? "1" : "0"
            }
            #expect(versionFlags.joined() == expected)
        }
    }

    @Test func arbitraryEqualityComparesTheNormalizedFormOfAVersion() throws {
        let specifier = try Specifier(parsing: "===1.0a1")
        #expect(specifier.contains(try Version(parsing: "1.0A1")))
        #expect(specifier.contains(try Version(parsing: "1.0alpha1")))
        #expect(!specifier.contains("1.0alpha1"))
        #expect(!specifier.contains(try Version(parsing: "1.0a1"), prereleases: false))
    }

    @Test(arguments: equality)
    func comparesCanonicalForms(left: String, right: String, equal: Bool) throws {
        let lhs = try Specifier(parsing: left)
        let rhs = try Specifier(parsing: right)
        #expect((lhs == rhs) == equal)
        if equal {
            #expect(lhs.hashValue == rhs.hashValue)
        }
    }

    @Test func exposesOperatorAndVersion() throws {
        let specifier = try Specifier(parsing: " ~= V1.0 ")
        #expect(specifier.operator == .compatible)
        #expect(specifier.version == "V1.0")
        #expect(
            Specifier.Operator.allCases.map(\.rawValue) == [
                "~=", "==", "!=", "<=", ">=", "<", ">", "===",
            ])
    }
}
