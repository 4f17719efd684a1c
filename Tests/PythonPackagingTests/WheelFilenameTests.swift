import Testing

@testable import PythonPackaging

@Suite struct WheelFilenameTests {
    // Expected values from packaging.utils.parse_wheel_filename (packaging 26.2).
    @Test(
        arguments: [
            ("requests-2.32.0-py3-none-any.whl", "requests", "2.32.0", nil, ["py3-none-any"]),
            ("six-1.16.0-py2.py3-none-any.whl", "six", "1.16.0", nil, ["py2-none-any", "py3-none-any"]),
            (
                "numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "numpy", "2.1.0", nil,
                ["cp312-cp312-manylinux2014_x86_64", "cp312-cp312-manylinux_2_17_x86_64"]
            ),
            ("Foo.Bar-1.0-1-py3-none-any.whl", "foo-bar", "1.0", "1", ["py3-none-any"]),
            ("foo_bar-1.0-007abc-py3-none-any.whl", "foo-bar", "1.0", "7abc", ["py3-none-any"]),
            ("foo-1.0-PY3-NONE-ANY.whl", "foo", "1.0", nil, ["py3-none-any"]),
            ("ünïcode-1.0-py3-none-any.whl", "ünïcode", "1.0", nil, ["py3-none-any"]),
            ("foo-v1.0-py3-none-any.whl", "foo", "1.0", nil, ["py3-none-any"]),
            ("-1.0-py3-none-any.whl", "", "1.0", nil, ["py3-none-any"]),
            ("foo\n-1.0-py3-none-any.whl", "foo\n", "1.0", nil, ["py3-none-any"]),
            ("foo-1.0-1\nx-py3-none-any.whl", "foo", "1.0", "1", ["py3-none-any"]),
            ("foo-1.0-py3..-none-any.whl", "foo", "1.0", nil, ["-none-any", "py3-none-any"]),
            ("foo-1.0-py3.py2-none-any.whl", "foo", "1.0", nil, ["py2-none-any", "py3-none-any"]),
            ("foo½Ⅻ-1.0-py3-none-any.whl", "foo½ⅻ", "1.0", nil, ["py3-none-any"]),
        ] as [(String, String, String, String?, [String])])
    func parsesLikePackaging(filename: String, name: String, version: String, build: String?, tags: [String]) throws {
        let wheel = try WheelFilename(parsing: filename)
        #expect(wheel.name.normalized == name)
        #expect(wheel.version.description == version)
        #expect(wheel.buildTag?.description == build)
        #expect(wheel.tags.map(\.description).sorted() == tags)
    }

    @Test(arguments: [
        ("foo-1.0-py3-none-any.WHL", "Invalid wheel filename (extension must be '.whl'): 'foo-1.0-py3-none-any.WHL'"),
        ("foo-1.0-py3-none.whl", "Invalid wheel filename (wrong number of parts): 'foo-1.0-py3-none'"),
        ("foo-1.0-1-2-py3-none-any.whl", "Invalid wheel filename (wrong number of parts): 'foo-1.0-1-2-py3-none-any'"),
        ("foo__bar-1.0-py3-none-any.whl", "Invalid project name: 'foo__bar-1.0-py3-none-any'"),
        ("foo-bar-1.0-py3-none-any.whl", "Invalid wheel filename (invalid version): 'foo-bar-1.0-py3-none-any'"),
        ("foo+bar-1.0-py3-none-any.whl", "Invalid project name: 'foo+bar-1.0-py3-none-any'"),
        ("foo-1.0x-py3-none-any.whl", "Invalid wheel filename (invalid version): 'foo-1.0x-py3-none-any'"),
        ("foo-1.0-abc-py3-none-any.whl", "Invalid build number: abc in 'foo-1.0-abc-py3-none-any'"),
        ("foo-1.0--py3-none-any.whl", "Invalid build number:  in 'foo-1.0--py3-none-any'"),
        ("it's-1.0-py3-none-any.whl", "Invalid project name: \"it's-1.0-py3-none-any\""),
        ("foo\n\n-1.0-py3-none-any.whl", "Invalid project name: 'foo\\n\\n-1.0-py3-none-any'"),
        ("foo\u{a0}-1.0-py3-none-any.whl", "Invalid project name: 'foo\\xa0-1.0-py3-none-any'"),
        ("a.whl\u{301}", "Invalid wheel filename (extension must be '.whl'): 'a.whl\u{301}'"),
    ])
    func refusesWithPackagingMessage(filename: String, message: String) {
        #expect(throws: FilenameError(message)) { try WheelFilename(parsing: filename) }
    }

    @Test func validateOrderRefusesUnsortedCompressedTags() throws {
        #expect(
            throws: FilenameError(
                "Invalid wheel filename (compressed tag set components must be in sorted order per PEP 425): 'foo-1.0-py3.py2-none-any'"
            )
        ) { try WheelFilename(parsing: "foo-1.0-py3.py2-none-any.whl", validateOrder: true) }
        let sorted = try WheelFilename(parsing: "foo-1.0-py2.py3-none-any.whl", validateOrder: true)
        #expect(sorted.tags.count == 2)
    }

    @Test func dashSeparatorIsFoundEvenWhenACombiningMarkFollowsIt() throws {
        // Swift's String.split would see "-\u{301}" as one character; Python splits code points.
        let wheel = try WheelFilename(parsing: "foo-1.0-1\u{301}-py3-none-any.whl")
        #expect(wheel.buildTag?.suffix == "\u{301}")
    }

    @Test func hugeCompressedTagSetsStayUnexpanded() throws {
        let parts = (0..<3000).map { "p\($0)" }.joined(separator: ".")
        let wheel = try WheelFilename(parsing: "foo-1.0-\(parts)-\(parts)-any.\(parts).whl")
        #expect(wheel.platformTags.count == 3001)
        #expect(wheel.unsupportedPlatformTag == "p0")
        #expect(wheel == (try WheelFilename(parsing: "foo-1.0-\(parts)-\(parts)-any.\(parts).whl")))
    }
}
