import Testing

@testable import PythonPackaging

/// Expected values were produced by Python's packaging 26.2 (`str(SpecifierSet(s))`,
/// `SpecifierSet.contains(v, prereleases=None/False/True)`).
@Suite struct SpecifierSetTests {
    static let sets: [(String, String, [String: String])] = [
        (
            "", "",
            [
                "1.0": "111", "1.3.4": "111", "1.5": "111", "1.5a1": "101", "2.0": "111",
                "foo": "111", "FOO": "111", "1.0.5": "111",
            ]
        ),
        (
            ",,>=1", ">=1",
            [
                "1.0": "111", "1.3.4": "111", "1.5": "111", "1.5a1": "101", "2.0": "111",
                "foo": "000", "FOO": "000", "1.0.5": "111",
            ]
        ),
        (
            "==1.0,==1.0.0,>=1", "==1.0,>=1",
            [
                "1.0": "111", "1.3.4": "000", "1.5": "000", "1.5a1": "000", "2.0": "000",
                "foo": "000", "FOO": "000", "1.0.5": "000",
            ]
        ),
        (
            "<2,>1", "<2,>1",
            [
                "1.0": "000", "1.3.4": "111", "1.5": "111", "1.5a1": "101", "2.0": "000",
                "foo": "000", "FOO": "000", "1.0.5": "111",
            ]
        ),
        (
            " >=1 , <2 ", "<2,>=1",
            [
                "1.0": "111", "1.3.4": "111", "1.5": "111", "1.5a1": "101", "2.0": "000",
                "foo": "000", "FOO": "000", "1.0.5": "111",
            ]
        ),
        (
            ">=1.0,!=1.3.4,<2", "!=1.3.4,<2,>=1.0",
            [
                "1.0": "111", "1.3.4": "000", "1.5": "111", "1.5a1": "101", "2.0": "000",
                "foo": "000", "FOO": "000", "1.0.5": "111",
            ]
        ),
        (
            "===foo,===FOO", "===FOO,===foo",
            [
                "1.0": "000", "1.3.4": "000", "1.5": "000", "1.5a1": "000", "2.0": "000",
                "foo": "111", "FOO": "111", "1.0.5": "000",
            ]
        ),
        (
            "~=1.0, >=1.0.1, !=1.0.5", "!=1.0.5,>=1.0.1,~=1.0",
            [
                "1.0": "000", "1.3.4": "111", "1.5": "111", "1.5a1": "101", "2.0": "000",
                "foo": "000", "FOO": "000", "1.0.5": "000",
            ]
        ),
    ]

    @Test(arguments: sets)
    func printsSortedAndContainsLikePackaging(
        input: String, expected: String, containment: [String: String]
    ) throws {
        let set = try SpecifierSet(parsing: input)
        #expect(set.description == expected)
        for (candidate, flags) in containment {
            let got = [nil, false, true].map {
                set.contains(candidate, prereleases: $0) ? "1" : "0"
            }
            #expect(got.joined() == flags, "\(input) contains \(candidate)")
            if let version = try? Version(parsing: candidate), !input.contains("===") {
                let gotVersion = [nil, false, true].map {
                    set.contains(version, prereleases: $0) ? "1" : "0"
                }
                #expect(gotVersion.joined() == flags, "\(input) contains \(candidate)")
            }
        }
    }

    @Test(arguments: [
        (">=1.0, foo", "Invalid specifier: 'foo'"), ("==1,===a b", "Invalid specifier: '===a b'"),
    ])
    func namesTheInvalidItem(input: String, message: String) {
        #expect(throws: SpecifierError.self) { try SpecifierSet(parsing: input) }
        do {
            _ = try SpecifierSet(parsing: input)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func comparesIgnoringOrderAndDuplicates() throws {
        let set = try SpecifierSet(parsing: ">=1.0,<2,>=1.0.0")
        let same = try SpecifierSet(parsing: "<2, >=1")
        let other = try SpecifierSet(parsing: "<2")
        #expect(set == same && set.hashValue == same.hashValue)
        #expect(set != other)
        #expect(set.specifiers.count == 3)
        #expect(!set.isEmpty)
        let blank = try SpecifierSet(parsing: " , ")
        #expect(SpecifierSet().isEmpty && SpecifierSet() == blank)
        #expect(SpecifierSet([try Specifier(parsing: "<2")]).description == "<2")
    }
}
