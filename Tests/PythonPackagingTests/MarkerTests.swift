import Testing

@testable import PythonPackaging

/// Expected values were produced by Python's packaging 26.2 (`str(Marker(m))`, `InvalidMarker`,
/// `Marker.evaluate(env)` for the two environments below, as `"10"`-style flags).
@Suite struct MarkerTests {
    static let normalized: [(String, String)] = [
        ("os_name ~= extra", "\"os-name\" ~= extra"),
        ("extra == platform.machine", "extra == \"platform-machine\""),
        ("'Foo_Bar' == extra", "\"foo-bar\" == extra"),
        ("python_version < \"3.8\"", "python_version < \"3.8\""),
        (
            "os_name=='posix' and extra == 'Foo_Bar'",
            "os_name == \"posix\" and extra == \"foo-bar\""
        ),
        ("(extra == \"X.Y\" or extra==\"z\")", "extra == \"X.Y\" or extra == \"z\""),
        ("platform.machine == 'x86_64'", "platform_machine == \"x86_64\""),
        ("python_implementation==\"CPython\"", "platform_python_implementation == \"CPython\""),
        ("os.name == 'nt'", "os_name == \"nt\""),
        ("sys.platform == 'linux'", "sys_platform == \"linux\""),
        ("platform.version == '1'", "platform_version == \"1\""),
        ("platform.python_implementation == 'PyPy'", "platform_python_implementation == \"PyPy\""),
        (
            "python_version >= \"3\" and (os_name == \"nt\" or os_name == \"posix\")",
            "python_version >= \"3\" and (os_name == \"nt\" or os_name == \"posix\")"
        ),
        (
            "((os_name=='a' or os_name=='b')) and python_version=='3'",
            "os_name == \"a\" or os_name == \"b\" and python_version == \"3\""
        ),
        (
            "(os_name=='a') and (python_version=='3')",
            "os_name == \"a\" and python_version == \"3\""
        ),
        ("'a' not in os_name", "\"a\" not in os_name"),
        ("'a'\tin\tos_name", "\"a\" in os_name"),
        ("extras == 'a'", "extras == \"a\""),
        ("dependency_groups == 'G_1'", "dependency_groups == \"G_1\""),
        ("os_name == \"it's\"", "os_name == \"it's\""),
        (
            "os_name == '\\x41\\t\\101\\u00e9\\U0001F600\\\\\\d'",
            "os_name == \"A\tA\u{E9}\u{1F600}\\\\d\""
        ),
        ("os_name == 'a\\\nb'", "os_name == \"ab\""),
        ("os_name=='a'or os_name=='b'", "os_name == \"a\" or os_name == \"b\""),
        ("implementation_version>'1'", "implementation_version > \"1\""),
        ("platform_release<='5'", "platform_release <= \"5\""),
        ("python_full_version~='3.8'", "python_full_version ~= \"3.8\""),
        ("extra == 'A'", "extra == \"a\""),
    ]

    static let invalidMessages: [(String, String)] = [
        (
            "'a' not'in' os_name",
            "Expected whitespace after 'not'\n    'a' not'in' os_name\n           ^"
        ),
        (
            "os_name == 'a' or_",
            "Expected end of marker expression\n    os_name == 'a' or_\n                   ^"
        ),
        ("", "Expected a marker variable or quoted string\n    \n    ^"),
        (
            "os_name",
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    os_name\n           ^"
        ),
        (
            "os_name = 'x'",
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    os_name = 'x'\n            ^"
        ),
        (
            "'a' notin os_name",
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    'a' notin os_name\n        ^"
        ),
        ("'a' not os_name", "Expected 'in' after 'not'\n    'a' not os_name\n            ^"),
        (
            "(os_name=='a'",
            "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression\n    (os_name=='a'\n    ~~~~~~~~~~~~~^"
        ),
        (
            "os_name=='a' )",
            "Expected end of marker expression\n    os_name=='a' )\n                 ^"
        ),
        (
            "os_name == 'a' and",
            "Expected a marker variable or quoted string\n    os_name == 'a' and\n                      ^"
        ),
        (
            "os_name == 'a' xor os_name == 'b'",
            "Expected end of marker expression\n    os_name == 'a' xor os_name == 'b'\n                   ^"
        ),
        (
            "python_version2 == '3'",
            "Expected a marker variable or quoted string\n    python_version2 == '3'\n    ^"
        ),
        (
            "os_name == 'a",
            "Expected a marker variable or quoted string\n    os_name == 'a\n               ^"
        ),
        (
            "os_nam\u{E9} == 'a'",
            "Expected a marker variable or quoted string\n    os_nam\u{E9} == 'a'\n    ^"
        ),
        ("(", "Expected a marker variable or quoted string\n    (\n     ^"),
        (
            "os_name == 'a' or (",
            "Expected a marker variable or quoted string\n    os_name == 'a' or (\n                       ^"
        ),
        ("x == 'a'", "Expected a marker variable or quoted string\n    x == 'a'\n    ^"),
    ]

    static let evaluations: [(String, String)] = [
        ("python_version > \"3.7\"", "10"),
        ("python_version < \"3.10\"", "11"),
        ("python_full_version >= \"3.8.10\"", "10"),
        ("\"3.8\" in python_version", "10"),
        ("python_version == \"3.8.*\"", "10"),
        ("platform_release >= \"5\"", "11"),
        ("os_name > \"a\"", "00"),
        ("os_name < \"z\"", "00"),
        ("os_name <= \"posix\"", "10"),
        ("os_name >= \"posix\"", "10"),
        ("os_name != \"posix\"", "01"),
        ("python_version >= \"x\"", "00"),
        ("extra == \"FOO_bar\"", "10"),
        ("python_version === \"3.8\"", "10"),
        ("python_full_version == \"2.7.18+local\"", "01"),
        ("os_name==\"posix\" or os_name==\"nt\" and python_version==\"2.7\"", "11"),
        ("os_name not in \"nt posix\"", "00"),
        ("\"3.8\" <= python_version", "10"),
        ("(os_name == \"nt\" or os_name == \"posix\") and python_version != \"2.7\"", "10"),
        ("platform_machine in \"x86_64 AMD64\"", "11"),
        ("python_version ~= \"3.8\"", "10"),
        ("extra == \"\"", "01"),
    ]

    static let environments: [[String: String]] = [
        [
            "python_version": "3.8", "python_full_version": "3.8.10", "os_name": "posix",
            "sys_platform": "linux", "platform_machine": "x86_64",
            "platform_python_implementation": "CPython", "implementation_name": "cpython",
            "implementation_version": "3.8.10", "platform_release": "5.4",
            "platform_system": "Linux",
            "platform_version": "#1", "extra": "Foo.Bar",
        ],
        [
            "python_version": "2.7", "python_full_version": "2.7.18+", "os_name": "nt",
            "sys_platform": "win32", "platform_machine": "AMD64",
            "platform_python_implementation": "PyPy", "implementation_name": "pypy",
            "implementation_version": "7.3", "platform_release": "10", "platform_system": "Windows",
            "platform_version": "10.0",
        ],
    ]

    @Test(arguments: normalized)
    func printsLikePackaging(input: String, expected: String) throws {
        let marker = try Marker(parsing: input)
        #expect(marker.description == expected)
    }

    @Test(arguments: invalidMessages)
    func refusesInvalidMarkersWithPackagingsMessage(input: String, message: String) {
        #expect(throws: MarkerError(message)) { try Marker(parsing: input) }
    }

    @Test(arguments: [
        "os_name == '\\N{DIGIT ONE}'", "os_name == '\\x4'", "os_name == '\\u00'",
        "os_name == 'a\\'",
        "os_name == '\\U00110000'", "os_name == 'a\u{0}'", "os_name == '\\ud800'",
    ])
    func refusesStringLiteralsPythonCannotEvaluate(input: String) {
        #expect(throws: MarkerError.self) { try Marker(parsing: input) }
    }

    @Test(arguments: evaluations)
    func evaluatesLikePackaging(input: String, expected: String) throws {
        let marker = try Marker(parsing: input)
        let flags = try Self.environments.map { try marker.evaluate(environment: $0) ? "1" : "0" }
        #expect(flags.joined() == expected)
    }

    @Test(arguments: [
        ("os_name ~= \"a\"", "Undefined <Op('~=')> on 'posix' and 'a'."),
        ("os_name === \"posix\"", "Undefined <Op('===')> on 'posix' and 'posix'."),
        ("'x' == 'y'", "'y' does not exist in evaluation environment."),
        (
            "platform_system == 'Linux'",
            "'platform_system' does not exist in evaluation environment."
        ),
    ])
    func reportsUndefinedComparisonsAndNames(input: String, message: String) throws {
        let marker = try Marker(parsing: input)
        #expect(throws: MarkerError(message)) {
            try marker.evaluate(environment: ["os_name": "posix"])
        }
    }

    @Test func normalizesExtrasAndDependencyGroupsOnBothSides() throws {
        let marker = try Marker(parsing: "'A_b' in extras")
        #expect(try marker.evaluate(environment: ["extras": "a-b c"]))
        #expect(try !marker.evaluate(environment: ["extras": "ab c"]))
    }

    @Test func boundsNesting() throws {
        let nested =
            String(repeating: "(", count: 100) + "os_name == 'a'"
            + String(repeating: ")", count: 100)
        #expect(try Marker(parsing: nested).description == "os_name == \"a\"")
        let deeper = "(" + nested + ")"
        #expect(throws: MarkerError.self) { try Marker(parsing: deeper) }
        #expect(throws: MarkerError.self) {
            try Marker(parsing: String(repeating: "(", count: 100_000))
        }
    }

    @Test func comparesByPrintedForm() throws {
        let marker = try Marker(parsing: "os_name=='a'")
        let same = try Marker(parsing: "os_name == \"a\"")
        #expect(marker == same && marker.hashValue == same.hashValue)
        #expect(marker != (try Marker(parsing: "os_name == 'b'")))
    }

    @Test(arguments: [
        ("abcabd", "abd", true), ("aab", "ab", true), ("abc", "", true), ("ab", "abc", false),
        ("aaab", "aab", true), ("abab", "abb", false),
    ])
    func findsSubstringsLikePython(haystack: String, needle: String, found: Bool) {
        #expect(MarkerItem.contains(haystack, needle) == found)
    }
}
