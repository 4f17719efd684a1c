import Testing

@testable import PythonPackaging

/// Expected values were produced by Python's packaging 26.2 (`str(Requirement(s))`, its `name`,
/// `extras`, `specifier`, `url`, `marker`, and `InvalidRequirement` messages).
@Suite struct RequirementTests {
    static let parsed: [(String, String, String, [String], String, String?, String?)] = [
        ("name==1.0+abc.5", "name==1.0+abc.5", "name", [], "==1.0+abc.5", nil, nil),
        ("name==1.0+a_b-c", "name==1.0+a_b-c", "name", [], "==1.0+a_b-c", nil, nil),
        ("requests", "requests", "requests", [], "", nil, nil),
        (" requests ", "requests", "requests", [], "", nil, nil),
        (
            "requests[security]>=2.8.1", "requests[security]>=2.8.1", "requests", ["security"],
            ">=2.8.1", nil, nil
        ),
        (
            "requests [ security , socks ] >= 2.8.1 , < 3", "requests[security,socks]<3,>=2.8.1",
            "requests", ["security", "socks"], "<3,>=2.8.1", nil, nil
        ),
        (
            "Foo_Bar[b,a,a]==1.0.*", "Foo_Bar[a,b]==1.0.*", "Foo_Bar", ["a", "b"], "==1.0.*", nil,
            nil
        ),
        ("name (>=1.0)", "name>=1.0", "name", [], ">=1.0", nil, nil),
        ("name ( >= 1.0 , < 2 )", "name<2,>=1.0", "name", [], "<2,>=1.0", nil, nil),
        ("name>=1.0,", "name>=1.0", "name", [], ">=1.0", nil, nil),
        (
            "pip @ https://example.com/pip.zip", "pip @ https://example.com/pip.zip", "pip", [], "",
            "https://example.com/pip.zip", nil
        ),
        (
            "pip@ file:///tmp/x ; os_name == 'posix'", "pip @ file:///tmp/x ; os_name == \"posix\"",
            "pip", [], "", "file:///tmp/x", "os_name == \"posix\""
        ),
        ("pip @ https://x/y.whl ", "pip @ https://x/y.whl", "pip", [], "", "https://x/y.whl", nil),
        (
            "name; extra == 'Foo_Bar'", "name; extra == \"foo-bar\"", "name", [], "", nil,
            "extra == \"foo-bar\""
        ),
        ("name[]", "name", "name", [], "", nil, nil),
        ("name===foo", "name===foo", "name", [], "===foo", nil, nil),
        ("name==1.0+local", "name==1.0+local", "name", [], "==1.0+local", nil, nil),
        (
            "name>=1.0; python_version < '3.8' and (os_name == 'nt' or os_name == 'posix')",
            "name>=1.0; python_version < \"3.8\" and (os_name == \"nt\" or os_name == \"posix\")",
            "name", [], ">=1.0", nil,
            "python_version < \"3.8\" and (os_name == \"nt\" or os_name == \"posix\")"
        ),
        ("x.y-z~=1.4.5", "x.y-z~=1.4.5", "x.y-z", [], "~=1.4.5", nil, nil),
        ("name (===a)", "name===a", "name", [], "===a", nil, nil),
        ("a", "a", "a", [], "", nil, nil),
    ]

    static let invalidMessages: [(String, String)] = [
        (
            "n==0!",
            "Expected comma (within version specifier), semicolon (after version specifier) or end\n    n==0!\n     ~~~^"
        ),
        (
            "name==1.0+a. ; os_name==\"a\"",
            "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name==1.0+a. ; os_name==\"a\"\n        ~~~~~~~^"
        ),
        (
            "name<1.0+1",
            "Local version label can only be used with `==` or `!=` operators\n    name<1.0+1\n        ~~~~^"
        ),
        (
            "name- >=1.0",
            "Expected semicolon (after name with no version specifier) or end\n    name- >=1.0\n        ^"
        ),
        // packaging raises InvalidSpecifier here: `===` swallows the comma, SpecifierSet splits on it.
        ("name===a,b", "Invalid specifier: 'b'"),
        ("", "Expected package name at the start of dependency specifier\n    \n    ^"),
        ("-bad", "Expected package name at the start of dependency specifier\n    -bad\n    ^"),
        (
            "name[",
            "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras\n    name[\n        ~^"
        ),
        ("name[a b]", "Expected comma between extra names\n    name[a b]\n           ^"),
        ("name[a,]", "Expected extra name after comma\n    name[a,]\n           ^"),
        (
            "name>=1.0.*",
            ".* suffix can only be used with `==` or `!=` operators\n    name>=1.0.*\n        ~~~~~~^"
        ),
        (
            "name<1.0+local",
            "Local version label can only be used with `==` or `!=` operators\n    name<1.0+local\n        ~~~~^"
        ),
        (
            "name=1",
            "Expected semicolon (after name with no version specifier) or end\n    name=1\n        ^"
        ),
        (
            "name~=1",
            "Expected semicolon (after name with no version specifier) or end\n    name~=1\n        ^"
        ),
        (
            "name>=1.0 foo",
            "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name>=1.0 foo\n        ~~~~~~^"
        ),
        ("name @", "Expected URL after @\n    name @\n          ^"),
        (
            "name @ url foo",
            "Expected semicolon (after URL and whitespace) or end\n    name @ url foo\n           ~~~~^"
        ),
        (
            "name (>=1.0",
            "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier\n    name (>=1.0\n         ~~~~~~^"
        ),
        (
            "name; os_name",
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    name; os_name\n                 ^"
        ),
        ("name;", "Expected a marker variable or quoted string\n    name;\n         ^"),
        ("\u{E9}", "Expected package name at the start of dependency specifier\n    \u{E9}\n    ^"),
        (
            "name>=1.0;;",
            "Expected a marker variable or quoted string\n    name>=1.0;;\n              ^"
        ),
        (
            "name[a]x",
            "Expected semicolon (after name with no version specifier) or end\n    name[a]x\n           ^"
        ),
    ]
    static let equality: [(String, String, Bool)] = [
        ("a @ http://x", "a", false),
        ("Foo_Bar[a]>=1.0", "foo-bar[a]>=1.0.0", true),
        ("a>=1", "a>=2", false),
        ("a[x]", "a[y]", false),
        ("a @ http://x", "a @ http://y", false),
        ("a; os_name=='a'", "a; os_name == \"a\"", true),
        ("a", "a; os_name=='a'", false),
    ]

    @Test(arguments: parsed)
    func parsesLikePackaging(
        input: String, expected: String, name: String, extras: [String], specifier: String,
        url: String?, marker: String?
    ) throws {
        let requirement = try Requirement(parsing: input)
        #expect(requirement.description == expected)
        #expect(requirement.name == name)
        #expect(requirement.extras == extras)
        #expect(requirement.specifier.description == specifier)
        #expect(requirement.url == url)
        #expect(requirement.marker?.description == marker)
        #expect(try Requirement(parsing: expected) == requirement)
    }

    @Test(arguments: invalidMessages)
    func refusesInvalidRequirementsWithPackagingsMessage(input: String, message: String) {
        #expect(throws: RequirementError(message)) { try Requirement(parsing: input) }
    }

    @Test(arguments: equality)
    func comparesLikePackaging(left: String, right: String, equal: Bool) throws {
        let lhs = try Requirement(parsing: left)
        let rhs = try Requirement(parsing: right)
        #expect((lhs == rhs) == equal)
        if equal {
            #expect(lhs.hashValue == rhs.hashValue)
        }
    }

    @Test func refusesCompatibleVersionsSpelledWithNonASCIILetters() {
        // packaging accepts "ı" for "i" in `~=` pre-release words, but cannot compare with them.
        #expect(throws: RequirementError.self) {
            try Requirement(parsing: "name~=1.0prev\u{131}ew1")
        }
    }
}
