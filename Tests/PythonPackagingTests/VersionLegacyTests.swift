import Testing

@testable import PythonPackaging

/// Expected values were produced by `packaging_legacy.version.parse` (packaging-legacy 23.0.post0
/// on packaging 26), which Warehouse uses to order releases.
@Suite struct ReleaseVersionTests {
    static let ascending: [(String, Int)] = [
        ("!", 0),
        ("dev", 1),
        ("a b", 2),
        ("e\u{301}", 3),
        ("foo", 4),
        ("\u{130}x", 5),
        ("x", 6),
        ("\u{E9}", 7),
        ("\u{391}\u{3A3}", 8),
        ("\u{3B1}\u{3C2}", 8),
        ("\u{3B1}\u{3C3}", 9),
        ("\u{661}", 10),
        ("0.1-pre-alpha", 11),
        ("1.0 beta", 12),
        ("1.0_foo", 13),
        ("1.0pre1-", 14),
        ("1.0-final", 15),
        ("1.0-final-1", 16),
        ("1--2", 17),
        ("1.0-foo", 18),
        ("1.0.0-foo", 18),
        ("1\u{661}2", 19),
        ("2004d", 20),
        ("0!0", 21),
        ("1.0dev-", 22),
        ("1.0-rc1", 23),
        ("1.0", 24),
        ("2.0rc1", 25),
        ("00000000123", 26),
    ]

    static let keys: [(String, [String])] = [
        ("foo", ["*foo", "*final"]),
        ("1.0-foo", ["00000001", "*final-", "*foo", "*final"]),
        ("1.0.0-foo", ["00000001", "*final-", "*foo", "*final"]),
        ("1.0_foo", ["00000001", "*_", "*foo", "*final"]),
        ("2004d", ["00002004", "*d", "*final"]),
        ("1.0 beta", ["00000001", "* ", "*beta", "*final"]),
        ("1.0pre1-", ["00000001", "*c", "00000001", "*final-", "*final"]),
        ("\u{391}\u{3A3}", ["*\u{3B1}\u{3C2}", "*final"]),
        ("\u{3B1}\u{3C3}", ["*\u{3B1}\u{3C3}", "*final"]),
        ("\u{3B1}\u{3C2}", ["*\u{3B1}\u{3C2}", "*final"]),
        ("\u{130}x", ["*i", "*\u{307}", "*x", "*final"]),
        ("1\u{661}2", ["000001\u{661}2", "*final"]),
        ("\u{661}", ["*\u{661}", "*final"]),
        ("\u{E9}", ["*\u{E9}", "*final"]),
        ("e\u{301}", ["*e", "*\u{301}", "*final"]),
        ("a b", ["*a", "* ", "*b", "*final"]),
        ("1--2", ["00000001", "*final-", "*final-", "00000002", "*final"]),
        ("1.0-final", ["00000001", "*final-", "*final", "*final"]),
        ("1.0-final-1", ["00000001", "*final-", "*final", "*final-", "00000001", "*final"]),
        ("dev", ["*@", "*final"]),
        ("0.1-pre-alpha", ["00000000", "00000001", "*c", "*alpha", "*final"]),
        ("!", ["*!", "*final"]),
        ("x", ["*x", "*final"]),
    ]

    @Test func sortsLegacyBelowValidAndLikePackagingLegacy() {
        let versions = Self.ascending.map { (ReleaseVersion($0.0), $0.1) }
        for (index, (lower, lowerRank)) in versions.enumerated() {
            for (higher, higherRank) in versions[(index + 1)...] {
                if lowerRank == higherRank {
                    #expect(lower == higher && lower.hashValue == higher.hashValue)
                    #expect(!(lower < higher) && !(higher < lower))
                } else {
                    #expect(lower < higher, "\(lower) < \(higher)")
                    #expect(!(higher < lower) && lower != higher)
                }
            }
        }
    }

    @Test(arguments: keys)
    func buildsTheHistoricalLegacyKey(input: String, parts: [String]) {
        #expect(LegacyVersionKey(input).parts == parts)
    }

    @Test func keepsValidVersionsNormalizedAndLegacyStringsAsGiven() throws {
        #expect(ReleaseVersion("1.0-1") == .valid(try Version(parsing: "1.0.post1")))
        #expect(ReleaseVersion("1.0-1").description == "1.0.post1")
        #expect(ReleaseVersion("1.0-1").version == (try Version(parsing: "1.0.post1")))
        #expect(ReleaseVersion("1.0 beta") == .legacy("1.0 beta"))
        #expect(ReleaseVersion("1.0 beta").description == "1.0 beta")
        #expect(ReleaseVersion("1.0 beta").version == nil)
        #expect(ReleaseVersion("foo") != ReleaseVersion("1.0"))
        #expect(
            Set([ReleaseVersion("1.0"), ReleaseVersion("1.0.0"), ReleaseVersion("foo")]).count == 2)
        #expect(ReleaseVersion("1.0") != ReleaseVersion("foo"))
    }

    @Test func comparesLegacyPartsByCodePoint() {
        // "é" precomposed and "e" + combining acute are canonically equivalent, yet distinct
        // (and ordered by code point) in Python.
        #expect(ReleaseVersion("e\u{301}") != ReleaseVersion("\u{E9}"))
        #expect(ReleaseVersion("e\u{301}") < ReleaseVersion("\u{E9}"))
        #expect(Set([ReleaseVersion("e\u{301}"), ReleaseVersion("\u{E9}")]).count == 2)
    }

    @Test(arguments: [
        ("ABC", "abc"), ("\u{3A3}", "\u{3C3}"), ("\u{391}\u{3A3}", "\u{3B1}\u{3C2}"),
        ("\u{391}\u{3A3}'", "\u{3B1}\u{3C2}'"), ("\u{391}\u{3A3}\u{391}", "\u{3B1}\u{3C3}\u{3B1}"),
        ("\u{130}", "i\u{307}"),
    ])
    func lowercasesLikePython(input: String, expected: String) {
        #expect(
            PythonText.lower(input).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }
}
