import Testing

@testable import PythonPackaging

@Suite struct NameTests {
    // Expected values from packaging.utils.canonicalize_name (packaging 26.2, CPython 3.11).
    @Test(arguments: [
        ("Django", "django"),
        ("oslo.concurrency", "oslo-concurrency"),
        ("Foo__Bar", "foo-bar"),
        ("a-_.-b", "a-b"),
        ("Zope.Interface", "zope-interface"),
        ("x", "x"),
        ("-a", "-a"),
        ("a b", "a b"),
        ("ΑΣ", "ας"),
        ("ΑΣ ΟΔΟΣ", "ας οδος"),
        ("Σ", "σ"),
        ("ΑΣΑ", "ασα"),
        ("Α'Σ'", "α'ς'"),
        ("İstanbul", "i\u{307}stanbul"),
        ("ünïcode", "ünïcode"),
        ("a\n", "a\n"),
        ("", ""),
    ])
    func normalizesLikeCanonicalizeName(name: String, expected: String) {
        #expect(ProjectName(name).normalized == expected)
        #expect(ProjectName.normalize(name) == expected)
    }

    @Test(arguments: [
        ("Django", true), ("oslo.concurrency", true), ("Foo__Bar", true), ("x", true), ("1", true),
        ("a-_.-b", true), ("-a", false), ("a-", false), ("_a", false), ("a.", false), ("a b", false),
        ("ΑΣ", false), ("ünïcode", false), ("a\n", false), ("", false), ("a+b", false), ("a/b", false),
    ])
    func validityFollowsWarehouseRegex(name: String, valid: Bool) {
        #expect(ProjectName(name).isValid == valid)
        #expect(ProjectName.isValid(name) == valid)
    }

    @Test(arguments: [
        ("x", true), ("1", true), ("a-b", true), ("a--b", true), ("ab--c", false), ("a---b", false),
        ("abc--d", false), ("ab-c--d", false), ("x--", false), ("a-", false), ("-a", false),
        ("A", false), ("a.b", false), ("a_b", false), ("", false),
    ])
    func isNormalizedMatchesPackaging(name: String, expected: Bool) {
        #expect(ProjectName.isNormalized(name) == expected)
    }

    @Test func equalityAndHashingUseTheNormalizedForm() {
        let names: Set<ProjectName> = [ProjectName("Foo.Bar"), ProjectName("foo-bar"), ProjectName("FOO__bar")]
        #expect(names.count == 1)
        #expect(ProjectName("Foo.Bar") == ProjectName("foo_bar"))
        #expect(ProjectName("Foo.Bar").name == "Foo.Bar")
        #expect(ProjectName("Foo.Bar").description == "Foo.Bar")
        #expect(ProjectName("foo") != ProjectName("foo2"))
    }

    // Warehouse's ultranormalize_name: strip ._- then l/L/i/I -> 1, o/O -> 0, then lower().
    @Test(arguments: [
        ("requests", "requests"),
        ("Pillow", "p1110w"),
        ("python-dateutil", "pyth0ndateut11"),
        ("Foo.Bar_baz-QUX", "f00barbazqux"),
        ("LOL", "101"),
        ("Ölé", "ö1é"),
    ])
    func ultranormalizesLikeWarehouse(name: String, expected: String) {
        #expect(ProjectName(name).ultranormalized == expected)
    }

    @Test(arguments: [
        "os", "xml", "xml.etree", "XML.ETree", "importlib.metadata", "future", "main", "ast",
        "asyncio", "tkinter", "Tkinter", "distutils", "ConfigParser", "urllib2", "zstd", "sre_compile",
    ])
    func standardLibraryModuleNamesAreRefused(name: String) {
        let project = ProjectName(name)
        #expect(project.isStandardLibraryModule)
        #expect(throws: NameError.standardLibraryModule(name)) { try project.validateForNewProject() }
    }

    // Submodule names spelled without dots are real backports on PyPI; they shadow nothing.
    @Test(arguments: [
        "requests", "numpy", "xml-etree-extra", "cheeseshop", "importlib-metadata", "importlib_resources", "xml-etree",
    ])
    func otherNamesAreNotStandardLibrary(name: String) throws {
        #expect(!ProjectName(name).isStandardLibraryModule)
        try ProjectName(name).validateForNewProject()
    }

    // Warehouse checks the regex first, so `__future__` is refused as invalid, and its
    // canonical form `-future-` is not in the table.
    @Test(arguments: ["__future__", "_ast"])
    func underscoredModuleNamesAreInvalidNotStandardLibrary(name: String) {
        #expect(!ProjectName(name).isStandardLibraryModule)
        #expect(throws: NameError.invalid(name)) { try ProjectName(name).validateForNewProject() }
    }

    @Test func newProjectNameMustBeValid() {
        #expect(throws: NameError.invalid("-foo")) { try ProjectName("-foo").validateForNewProject() }
        #expect(NameError.invalid("-foo").message == "The name '-foo' is invalid.")
        #expect(NameError.invalid("it's").message == "The name \"it's\" is invalid.")
    }

    @Test func validatingInitialiserUsesTheFormMessage() throws {
        #expect(try ProjectName(validating: "Foo.Bar").normalized == "foo-bar")
        let error = #expect(throws: NameError.self) { try ProjectName(validating: "foo bar") }
        #expect(
            error?.message
                == "Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'.")
        #expect(error?.description == NameError.invalidCharactersMessage)
    }

    @Test func warehouseMessagesUseRelativeHelpLinks() {
        #expect(
            NameError.standardLibraryModule("os").message
                == "The name 'os' isn't allowed (conflict with Python Standard Library module name). See /help/#project-name for more information."
        )
        #expect(
            NameError.conflictsWithExisting("Foo").message
                == "The name 'Foo' conflicts with an existing project. See /help/#project-name for more information.")
        #expect(
            NameError.prohibited("Foo").message
                == "The name 'Foo' isn't allowed. See /help/#project-name for more information.")
        #expect(
            NameError.tooSimilar("Foo").message
                == "The name 'Foo' is too similar to an existing project. See /help/#project-name for more information."
        )
    }

    // Expected values from CPython's repr().
    @Test(arguments: [
        ("abc", "'abc'"),
        ("a'b", "\"a'b\""),
        ("a\"b", "'a\"b'"),
        ("a'\"b", "'a\\'\"b'"),
        ("\u{7f}\u{0}\t\n\r\u{a0}\u{200b}😀\u{E0001}é\\", "'\\x7f\\x00\\t\\n\\r\\xa0\\u200b😀\\U000e0001é\\\\'"),
        ("\u{2028}\u{E000}\u{378}", "'\\u2028\\ue000\\u0378'"),
    ])
    func reprMatchesPython(text: String, expected: String) {
        #expect(PythonRepr.quote(text) == expected)
    }
}
