import Testing

@testable import PythonPackaging

/// Expected values below were produced by Python's packaging 26.2 (`str(Version(s))`,
/// `canonicalize_version(s)`, `str(InvalidVersion)`, `sorted(key=Version)`).
@Suite struct VersionTests {
    static let normalized: [(String, String)] = [
        ("1.0", "1.0"),
        ("v1.0", "1.0"),
        ("V1.0", "1.0"),
        (" 1.0 ", "1.0"),
        ("\t1.0\n", "1.0"),
        ("1!2.0", "1!2.0"),
        ("01!02.003", "1!2.3"),
        ("1.0a1", "1.0a1"),
        ("1.0alpha1", "1.0a1"),
        ("1.0.a.1", "1.0a1"),
        ("1.0-a-1", "1.0a1"),
        ("1.0_a_1", "1.0a1"),
        ("1.0A", "1.0a0"),
        ("1.0b", "1.0b0"),
        ("1.0beta2", "1.0b2"),
        ("1.0c1", "1.0rc1"),
        ("1.0rc1", "1.0rc1"),
        ("1.0pre1", "1.0rc1"),
        ("1.0preview1", "1.0rc1"),
        ("1.0RC", "1.0rc0"),
        ("1.0-1", "1.0.post1"),
        ("1.0.post", "1.0.post0"),
        ("1.0post2", "1.0.post2"),
        ("1.0.rev3", "1.0.post3"),
        ("1.0r", "1.0.post0"),
        ("1.0-r-4", "1.0.post4"),
        ("1.0.POST_5", "1.0.post5"),
        ("1.0.dev", "1.0.dev0"),
        ("1.0dev1", "1.0.dev1"),
        ("1.0-dev-2", "1.0.dev2"),
        ("1.0_dev_3", "1.0.dev3"),
        ("1.0a1.post2.dev3", "1.0a1.post2.dev3"),
        ("1.0rc1-1", "1.0rc1.post1"),
        ("1.0a-", "1.0a0"),
        ("1.0a.", "1.0a0"),
        ("1.0.post-", "1.0.post0"),
        ("1.0a.dev", "1.0a0.dev0"),
        ("1.0+ubuntu.1", "1.0+ubuntu.1"),
        ("1.0+Ubuntu-1_a", "1.0+ubuntu.1.a"),
        ("1.0+01", "1.0+1"),
        ("1.0+a.007.b", "1.0+a.7.b"),
        ("1.0.0", "1.0.0"),
        ("0", "0"),
        ("000", "0"),
        ("00.00.01", "0.0.1"),
        ("2024.01.05", "2024.1.5"),
        ("1.0\u{3000}", "1.0"),
        ("\u{1C}1.0\u{85}", "1.0"),
        ("12345678901234567890.1", "12345678901234567890.1"),
        ("1!123456789012345678901234567890", "1!123456789012345678901234567890"),
        ("1.0+123456789012345678901234567890", "1.0+123456789012345678901234567890"),
        ("1.0a99999999999999999999", "1.0a99999999999999999999"),
        ("0!1.0", "1.0"),
        ("1.0a0", "1.0a0"),
        ("1.0.post0", "1.0.post0"),
        ("1.0.dev0", "1.0.dev0"),
        ("1.2.3.4.5.6.7.8.9.10", "1.2.3.4.5.6.7.8.9.10"),
        ("v1!1.0a1.post1.dev1+x.1", "1!1.0a1.post1.dev1+x.1"),
    ]

    static let canonical: [(String, String)] = [
        ("1.0", "1"),
        ("v1.0", "1"),
        ("V1.0", "1"),
        (" 1.0 ", "1"),
        ("\t1.0\n", "1"),
        ("1!2.0", "1!2"),
        ("01!02.003", "1!2.3"),
        ("1.0a1", "1a1"),
        ("1.0alpha1", "1a1"),
        ("1.0.a.1", "1a1"),
        ("1.0-a-1", "1a1"),
        ("1.0_a_1", "1a1"),
        ("1.0A", "1a0"),
        ("1.0b", "1b0"),
        ("1.0beta2", "1b2"),
        ("1.0c1", "1rc1"),
        ("1.0rc1", "1rc1"),
        ("1.0pre1", "1rc1"),
        ("1.0preview1", "1rc1"),
        ("1.0RC", "1rc0"),
        ("1.0-1", "1.post1"),
        ("1.0.post", "1.post0"),
        ("1.0post2", "1.post2"),
        ("1.0.rev3", "1.post3"),
        ("1.0r", "1.post0"),
        ("1.0-r-4", "1.post4"),
        ("1.0.POST_5", "1.post5"),
        ("1.0.dev", "1.dev0"),
        ("1.0dev1", "1.dev1"),
        ("1.0-dev-2", "1.dev2"),
        ("1.0_dev_3", "1.dev3"),
        ("1.0a1.post2.dev3", "1a1.post2.dev3"),
        ("1.0rc1-1", "1rc1.post1"),
        ("1.0a-", "1a0"),
        ("1.0a.", "1a0"),
        ("1.0.post-", "1.post0"),
        ("1.0a.dev", "1a0.dev0"),
        ("1.0+ubuntu.1", "1+ubuntu.1"),
        ("1.0+Ubuntu-1_a", "1+ubuntu.1.a"),
        ("1.0+01", "1+1"),
        ("1.0+a.007.b", "1+a.7.b"),
        ("1.0.0", "1"),
        ("0", "0"),
        ("000", "0"),
        ("00.00.01", "0.0.1"),
        ("2024.01.05", "2024.1.5"),
        ("1.0\u{3000}", "1"),
        ("\u{1C}1.0\u{85}", "1"),
        ("12345678901234567890.1", "12345678901234567890.1"),
        ("1!123456789012345678901234567890", "1!123456789012345678901234567890"),
        ("1.0+123456789012345678901234567890", "1+123456789012345678901234567890"),
        ("1.0a99999999999999999999", "1a99999999999999999999"),
        ("0!1.0", "1"),
        ("1.0a0", "1a0"),
        ("1.0.post0", "1.post0"),
        ("1.0.dev0", "1.dev0"),
        ("1.2.3.4.5.6.7.8.9.10", "1.2.3.4.5.6.7.8.9.10"),
        ("v1!1.0a1.post1.dev1+x.1", "1!1a1.post1.dev1+x.1"),
        ("not a version", "not a version"),
        ("1.0+", "1.0+"),
    ]

    static let invalidMessages: [(String, String)] = [
        ("", "Invalid version: ''"),
        (" ", "Invalid version: ' '"),
        ("1.", "Invalid version: '1.'"),
        (".1", "Invalid version: '.1'"),
        ("1..2", "Invalid version: '1..2'"),
        ("1.0+", "Invalid version: '1.0+'"),
        ("1.0+a..b", "Invalid version: '1.0+a..b'"),
        ("1.0+a.", "Invalid version: '1.0+a.'"),
        ("1.0.+a", "Invalid version: '1.0.+a'"),
        ("a1.0", "Invalid version: 'a1.0'"),
        ("1.0a1a", "Invalid version: '1.0a1a'"),
        ("1.0--1", "Invalid version: '1.0--1'"),
        ("1.0-", "Invalid version: '1.0-'"),
        ("1.0 a1", "Invalid version: '1.0 a1'"),
        ("vv1.0", "Invalid version: 'vv1.0'"),
        ("1!", "Invalid version: '1!'"),
        ("!1.0", "Invalid version: '!1.0'"),
        ("1!2!3", "Invalid version: '1!2!3'"),
        ("1.0.dev1.post1", "Invalid version: '1.0.dev1.post1'"),
        ("1.0.post1a1", "Invalid version: '1.0.post1a1'"),
        ("1.0rc1rc2", "Invalid version: '1.0rc1rc2'"),
        ("1.0.dev1.dev2", "Invalid version: '1.0.dev1.dev2'"),
        ("1.0+a+b", "Invalid version: '1.0+a+b'"),
        ("1.0+\u{E4}", "Invalid version: '1.0+\u{E4}'"),
        ("\u{661}.\u{660}", "Invalid version: '\u{661}.\u{660}'"),
        ("1.0\u{17F}", "Invalid version: '1.0\u{17F}'"),
        ("1.0\u{212A}", "Invalid version: '1.0\u{212A}'"),
        ("1.0_", "Invalid version: '1.0_'"),
        ("1,0", "Invalid version: '1,0'"),
        ("1.0\u{0}", "Invalid version: '1.0\\x00'"),
        ("1.0'", "Invalid version: \"1.0'\""),
        ("1.0a\"b'", "Invalid version: '1.0a\"b\\''"),
        ("1.0.\u{200B}", "Invalid version: '1.0.\\u200b'"),
        ("1.0\u{7F}", "Invalid version: '1.0\\x7f'"),
        ("1.0\u{E9}", "Invalid version: '1.0\u{E9}'"),
        ("1.0\u{1F600}", "Invalid version: '1.0\u{1F600}'"),
        ("1.0\u{E0001}", "Invalid version: '1.0\\U000e0001'"),
        ("1.0\\x", "Invalid version: '1.0\\\\x'"),
        ("v", "Invalid version: 'v'"),
        ("1.0alpha-beta", "Invalid version: '1.0alpha-beta'"),
        ("1.0post-1-1", "Invalid version: '1.0post-1-1'"),
        ("1.0+a-", "Invalid version: '1.0+a-'"),
        ("1.0r1r1", "Invalid version: '1.0r1r1'"),
        ("1.0dev+", "Invalid version: '1.0dev+'"),
    ]

    static let ascending: [String] = [
        "0.9",
        "0.10",
        "1.0.dev456",
        "1.0a1",
        "1.0a2.dev456",
        "1.0a12.dev456",
        "1.0a12",
        "1.0b1.dev456",
        "1.0b2",
        "1.0b2.post345.dev456",
        "1.0b2.post345",
        "1.0b2-346",
        "1.0c1.dev456",
        "1.0c1",
        "1.0rc2",
        "1.0c3",
        "1.0",
        "1.0.post456.dev34",
        "1.0.post456",
        "1.1.dev1",
        "1.2+123abc",
        "1.2+123abc456",
        "1.2+abc",
        "1.2+abc123",
        "1.2+abc123def",
        "1.2+1234.abc",
        "1.2+123456",
        "1.2.r32+123456",
        "1.2.rev33+123456",
        "2.0.dev1",
        "2.0a1.dev1",
        "2.0a1",
        "2.0",
        "2.0+a",
        "2.0+a.b",
        "2.0+a.1",
        "2.0+1",
        "2.0+1.a",
        "2.0+2",
        "2.0+10",
        "2.0.post0.dev0",
        "2.0.post0",
        "999999999999999999",
        "1000000000000000000",
        "9999999999999999999",
        "10000000000000000000",
        "99999999999999999999999",
        "100000000000000000000000",
        "1!1.0b2.post345.dev456",
        "1!1.0",
        "1!1.0.post456",
        "1!1.2.rev33+123456",
    ]
    static let equal: [(String, String)] = [
        ("1.0", "1.0.0"),
        ("1.0", "1"),
        ("1.0.0.0", "1"),
        ("0", "0.0"),
        ("1.0a", "1.0a0"),
        ("1.0+a.01", "1.0+A.1"),
        ("0!1.0", "1"),
        ("1.0-1", "1.0.post1"),
        ("01", "1"),
        ("1.0.dev", "1.0dev0"),
        ("1.0c1", "1.0rc1"),
        ("1!0", "1!0.0.0"),
    ]

    @Test(arguments: normalized)
    func parsesToNormalizedForm(input: String, expected: String) throws {
        #expect(try Version(parsing: input).description == expected)
    }

    @Test(arguments: canonical)
    func canonicalizesLikePackaging(input: String, expected: String) {
        #expect(Version.canonicalize(input) == expected)
    }

    @Test(arguments: invalidMessages)
    func refusesInvalidVersionsWithPackagingsMessage(input: String, message: String) {
        #expect(throws: VersionError(input: input)) { try Version(parsing: input) }
        #expect(VersionError(input: input).description == message)
    }

    @Test func sortsInPackagingsOrder() throws {
        let versions = try Self.ascending.map { try Version(parsing: $0) }
        for (index, lower) in versions.enumerated() {
            for higher in versions[(index + 1)...] {
                #expect(lower < higher, "\(lower) < \(higher)")
                #expect(!(higher < lower), "\(higher) < \(lower)")
                #expect(lower != higher)
            }
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    @Test(arguments: equal)
    func equalVersionsHashAlike(left: String, right: String) throws {
        let lhs = try Version(parsing: left)
        let rhs = try Version(parsing: right)
        #expect(lhs == rhs)
        #expect(!(lhs < rhs) && !(rhs < lhs))
        #expect(lhs.hashValue == rhs.hashValue)
        #expect(Set([lhs, rhs]).count == 1)
    }

    @Test func exposesSegments() throws {
        let version = try Version(parsing: "v2!1.02.0rc3.post4.dev5+Ubuntu-07")
        #expect(version.epoch == 2)
        #expect(version.release == [1, 2, 0])
        #expect(version.pre == PreRelease(.releaseCandidate, 3))
        #expect(version.post == 4)
        #expect(version.dev == 5)
        #expect(version.local == "ubuntu.7")
        #expect(version.localSegments == [.string("ubuntu"), .number(7)])
        #expect(version.isPrerelease && version.isPostrelease && version.isDevrelease)
        #expect(version.isLocal)
        #expect(version.publicVersion.description == "2!1.2.0rc3.post4.dev5")
        #expect(version.baseVersion.description == "2!1.2.0")
        #expect(version.canonicalized == "2!1.2rc3.post4.dev5+ubuntu.7")
    }

    @Test(arguments: [
        ("1.0", false, false, false, false),
        ("1.0a1", true, false, false, false),
        ("1.0.dev1", true, false, true, false),
        ("1.0.post1", false, true, false, false),
        ("1.0+local", false, false, false, true),
    ])
    func classifiesReleases(
        input: String, prerelease: Bool, postrelease: Bool, devrelease: Bool, local: Bool
    ) throws {
        let version = try Version(parsing: input)
        #expect(version.isPrerelease == prerelease)
        #expect(version.isPostrelease == postrelease)
        #expect(version.isDevrelease == devrelease)
        #expect(version.isLocal == local)
        #expect((version.local != nil) == local)
    }

    @Test(arguments: [
        ("a\tb\nc\rd", "'a\\tb\\nc\\rd'"), ("\u{1}\u{7F}", "'\\x01\\x7f'"),
        ("\u{85}\u{A0}", "'\\x85\\xa0'"),
        ("\u{378}\u{200B}", "'\\u0378\\u200b'"), ("\u{E0001}", "'\\U000e0001'"),
        ("\u{E9}\u{1F600}", "'\u{E9}\u{1F600}'"),
        ("it's", "\"it's\""), ("it's \"q\"", "'it\\'s \"q\"'"), ("back\\slash", "'back\\\\slash'"),
    ])
    func quotesLikePythonRepr(text: String, expected: String) {
        #expect(PythonRepr.quote(text) == expected)
    }

    @Test func preReleaseKindsPrintAndSortInOrder() {
        #expect(PreRelease(.alpha, 1).description == "a1")
        #expect(PreRelease(.beta, 0).description == "b0")
        #expect(PreRelease(.releaseCandidate, 2).description == "rc2")
        #expect(PreRelease.Kind.alpha < .beta && PreRelease.Kind.beta < .releaseCandidate)
    }

    @Test func localSegmentsPutStringsBeforeNumbers() {
        #expect(LocalSegment.string("abc") < .string("abd"))
        #expect(LocalSegment.string("zzz") < .number(0))
        #expect(!(LocalSegment.number(0) < .string("a")))
        #expect(LocalSegment.number(2) < .number(10))
        #expect(LocalSegment.number(2).description == "2")
    }
}

@Suite struct VersionNumberTests {
    @Test(arguments: [
        ("0", "0", UInt64(0) as UInt64?),
        ("000", "0", 0),
        ("007", "7", 7),
        ("999999999999999999", "999999999999999999", 999_999_999_999_999_999),
        ("0001000000000000000000", "1000000000000000000", 1_000_000_000_000_000_000),
        ("18446744073709551615", "18446744073709551615", UInt64.max),
        ("18446744073709551616", "18446744073709551616", nil),
        ("123456789012345678901234567890", "123456789012345678901234567890", nil),
    ])
    func keepsAnyNumberOfDigits(digits: String, description: String, value: UInt64?) {
        let number = VersionNumber(asciiDigits: Array(digits.utf8))
        #expect(number.description == description)
        #expect(number.uint64Value == value)
        if let value {
            #expect(VersionNumber(value) == number)
        }
    }

    @Test func comparesNumerically() {
        let ascending = [
            "0", "9", "10", "999999999999999999", "1000000000000000000", "18446744073709551615",
            "18446744073709551616", "99999999999999999999", "100000000000000000000",
        ].map { VersionNumber(asciiDigits: Array($0.utf8)) }
        for (index, lower) in ascending.enumerated() {
            for higher in ascending[(index + 1)...] {
                #expect(lower < higher && !(higher < lower))
            }
        }
        #expect(VersionNumber(0).isZero && !VersionNumber(1).isZero)
    }
}
