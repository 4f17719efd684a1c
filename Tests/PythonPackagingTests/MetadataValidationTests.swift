import Testing

@testable import PythonPackaging

/// Expected messages come from Warehouse's `forklift/metadata.py` and `legacy.py` run on the
/// same form fields (packaging 26.2, trove-classifiers 2026.9.21.13).
@Suite struct MetadataValidationTests {
    static let base: [String: [String]] = ["metadata_version": ["2.4"], "name": ["foo"], "version": ["1.0"]]
    static let spec = " See https://packaging.python.org/specifications/core-metadata for more information."
    static let localURL =
        " See https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers for more information."

    /// (form fields over `base`, nil to remove; expected field; expected 400 text)
    static let refusals: [([String: [String]?], String, String)] = [
        (["version": ["1.0+x"]], "version", "The use of local versions in '1.0+x' is not allowed." + localURL),
        (
            ["version": ["1.0.0+LOCAL.1"]], "version",
            "The use of local versions in '1.0.0+local.1' is not allowed." + localURL
        ),
        (["metadata_version": ["3.0"]], "metadata-version", "'3.0' is not a valid metadata version." + spec),
        (["metadata_version": ["2.0"]], "metadata-version", "'2.0' is not a valid metadata version." + spec),
        (["metadata_version": nil], "metadata-version", "None is not a valid metadata version." + spec),
        (["name": nil], "name", "'name' is a required field." + spec),
        (["name": ["-foo"]], "name", "'-foo' is invalid for 'name'." + spec),
        (["version": nil], "version", "'version' is a required field." + spec),
        (["version": ["banana"]], "version", "'banana' is invalid for 'version'." + spec),
        (["summary": ["a\nb"]], "summary", "'summary' must be a single line." + spec),
        (["summary": ["a\r\nb"]], "summary", "'summary' must be a single line." + spec),
        (
            ["summary": [String(repeating: "x", count: 513)]], "summary",
            "'summary' field must be 512 characters or less." + spec
        ),
        (["summary": ["a", "b"]], "summary", "'summary' has invalid data." + spec),
        (
            ["description_content_type": ["text/html"]], "description-content-type",
            "'description-content-type' must be one of ['text/plain', 'text/x-rst', 'text/markdown'], not 'text/html'."
                + spec
        ),
        (
            ["description_content_type": ["text/markdown; charset=latin-1"]], "description-content-type",
            "'description-content-type' can only specify the UTF-8 charset, not 'latin-1'." + spec
        ),
        (
            ["description_content_type": ["text/markdown; variant=Other"]], "description-content-type",
            "valid Markdown variants for 'description-content-type' are ['GFM', 'CommonMark'], not 'Other'." + spec
        ),
        (["dynamic": ["Version"]], "dynamic", "'version' is not allowed as a dynamic field." + spec),
        (["dynamic": ["Foo"]], "dynamic", "'foo' is not a valid dynamic field." + spec),
        (["dynamic": ["Dynamic"]], "dynamic", "Dynamic field 'dynamic' is not a valid dynamic field." + spec),
        (["provides_extra": ["-bad"]], "provides-extra", "'-bad' is invalid for 'provides-extra'." + spec),
        (["requires_python": ["3.8"]], "requires-python", "'3.8' is invalid for 'requires-python'." + spec),
        (
            ["requires_dist": ["foo @ https://example.com/foo.whl"]], "requires-dist",
            "Can't have direct dependency: foo @ https://example.com/foo.whl." + spec
        ),
        (["requires_dist": ["foo >= "]], "requires-dist", "'foo >= ' is invalid for 'requires-dist'." + spec),
        (
            ["provides_dist": ["foo @ https://example.com/foo.whl"]], "provides-dist",
            "Can't have direct dependency: 'foo @ https://example.com/foo.whl'." + spec
        ),
        (
            ["license_file": ["../LICENSE"]], "license-file",
            "'../LICENSE' is invalid for 'license-file', parent directory indicators are not allowed." + spec
        ),
        (
            ["license_file": ["LICENSE*"]], "license-file",
            "'LICENSE*' is invalid for 'license-file', paths must be resolved." + spec
        ),
        (
            ["license_file": ["/LICENSE"]], "license-file",
            "'/LICENSE' is invalid for 'license-file', paths must be relative." + spec
        ),
        (
            ["license_file": ["C:/LICENSE"]], "license-file",
            "'C:/LICENSE' is invalid for 'license-file', paths must be relative." + spec
        ),
        (
            ["license_file": ["C:\\LICENSE"]], "license-file",
            "'C:\\\\LICENSE' is invalid for 'license-file', paths must be relative." + spec
        ),
        (
            ["license_file": ["\\\\server\\share"]], "license-file",
            "'\\\\\\\\server\\\\share' is invalid for 'license-file', paths must be relative." + spec
        ),
        (
            ["license_file": ["a\\LICENSE"]], "license-file",
            "'a\\\\LICENSE' is invalid for 'license-file', paths must use '/' delimiter." + spec
        ),
        (["license_expression": [" "]], "license-expression", "' ' is invalid for 'license-expression'." + spec),
        (
            ["license": ["MIT"], "license_expression": ["MIT"]], "license",
            "License is deprecated when License-Expression is present. Only License-Expression should be present."
                + spec
        ),
        (["classifiers": ["Foo :: Bar"]], "classifier", "'Foo :: Bar' is not a valid classifier." + spec),
        (
            ["classifiers": ["Natural Language :: Ukranian"]], "classifier",
            "The classifier 'Natural Language :: Ukranian' has been deprecated, use one of ['Natural Language :: Ukrainian'] instead."
                + spec
        ),
        (
            ["classifiers": ["License :: OSI Approved :: X.Net License"]], "classifier",
            "The classifier 'License :: OSI Approved :: X.Net License' has been deprecated." + spec
        ),
        (
            ["author_email": ["foo"]], "author-email",
            "'foo' is not a valid email address: An email address must have an @-sign." + spec
        ),
        (
            ["author_email": ["Foo <foo@bar>"]], "author-email",
            "'foo@bar' is not a valid email address: The part after the @-sign is not valid. It should have a period."
                + spec
        ),
        (
            ["maintainer_email": ["a b@x.com"]], "maintainer-email",
            "'a b@x.com' is not a valid email address: The email address contains invalid characters before the @-sign: SPACE."
                + spec
        ),
        (["home_page": ["ftp://example.com"]], "home-page", "'ftp://example.com' is not a valid url." + spec),
        (["home_page": ["example.com"]], "home-page", "'example.com' is not a valid url." + spec),
        (
            ["download_url": ["https://example.com:99999/"]], "download-url",
            "'https://example.com:99999/' is not a valid url." + spec
        ),
        (["project_urls": [", https://example.com"]], "project-url", "Must have a label." + spec),
        (
            ["project_urls": ["Homeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee, https://example.com"]], "project-url",
            "'Homeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' must be 32 characters or less." + spec
        ),
        (["project_urls": ["Home"]], "project-url", "Must have a URL." + spec),
        (
            ["project_urls": ["Home, javascript:alert(1)"]], "project-url",
            "'javascript:alert(1)' is not a valid url." + spec
        ),
        (
            ["project_urls": ["Home, https://x", "Home, https://y"]], "project_urls",
            "'project_urls' has invalid data." + spec
        ),
        (["keywords": ["a", "b"]], "keywords", "'keywords' has invalid data." + spec),
        (
            ["metadata_version": ["2.5"], "import_name": ["foo.class"]], "import-name",
            "'foo.class' is invalid for 'import-name'; 'class' is a keyword." + spec
        ),
        (
            ["metadata_version": ["2.5"], "import_name": ["foo-bar"]], "import-name",
            "'foo-bar' is invalid for 'import-name'; 'foo-bar' is not a valid identifier." + spec
        ),
        (
            ["metadata_version": ["2.5"], "import_name": ["1foo"]], "import-name",
            "'1foo' is invalid for 'import-name'; '1foo' is not a valid identifier." + spec
        ),
        (
            ["provides_dist": ["foo >= "]], "provides-dist",
            "'foo >= ' is invalid: Expected semicolon (after name with no version specifier) or end\n    foo >= \n        ^."
                + spec
        ),
        (
            ["metadata_version": ["2.5"], "import_namespace": ["foo; public"]], "import-namespace",
            "'foo; public' is invalid for 'import-namespace'; the only valid option is 'private'." + spec
        ),
        (
            ["version": ["1.0+x"], "name": ["-bad"], "classifiers": ["Foo"]], "name",
            "'-bad' is invalid for 'name'." + spec
        ),
        (
            ["classifiers": ["Foo"], "author_email": ["bad"]], "author-email",
            "'bad' is not a valid email address: An email address must have an @-sign." + spec
        ),
    ]

    static func form(_ changes: [String: [String]?]) -> [String: [String]] {
        var form = base
        for (key, value) in changes { form[key] = value }
        return form
    }

    @Test(arguments: refusals.indices)
    func refusesWithWarehouseMessage(_ index: Int) {
        let (changes, field, text) = Self.refusals[index]
        #expect(throws: MetadataError.self) { try CoreMetadata.validated(form: Self.form(changes)) }
        do {
            _ = try CoreMetadata.validated(form: Self.form(changes))
        } catch {
            #expect(error.field == field)
            #expect(error.description == text)
        }
    }

    static let acceptances: [[String: [String]?]] = [
        ["description_content_type": ["text/markdown; charset=UTF-8; variant=CommonMark"]],
        ["dynamic": ["Requires-Dist", "license-file"]],
        ["provides_extra": ["Good_Extra"]],
        ["requires_python": [">=3.8,<4"]],
        ["requires_dist": ["foo[bar]>=1"]],
        ["classifiers": ["Programming Language :: Python :: 3"]],
        ["author_email": ["a@x.com, b@y"]],
        ["author_email": ["Foo Bar <foo@example.com>"]],
        ["home_page": ["http://exa mple.com/"]],
        ["project_urls": ["Home, https://example.com"]],
        ["summary": [""]],
        ["metadata_version": ["2.5"], "import_name": ["foo.bar", "foo ; private"]],
    ]

    @Test(arguments: acceptances.indices)
    func acceptsWhatWarehouseAccepts(_ index: Int) throws {
        let result = try CoreMetadata.validated(form: Self.form(Self.acceptances[index]))
        #expect(result.warnings.isEmpty)
    }

    @Test func deprecatedClassifiersPassInBackfill() throws {
        let result = try CoreMetadata.validated(
            form: Self.form(["classifiers": ["Natural Language :: Ukranian"]]), options: .init(backfill: true))
        #expect(result.metadata.classifiers == ["Natural Language :: Ukranian"])
    }

    @Test func newerFieldsAreAcceptedWithAWarning() throws {
        let file = Array(
            "Metadata-Version: 2.1\nName: attrs\nVersion: 24.2.0\nLicense-Expression: MIT\nLicense-File: LICENSE\nX-Custom: 1\n\nBody\n"
                .utf8)
        let result = try CoreMetadata.validated(parsing: file)
        #expect(
            result.warnings == [
                "unrecognized field: 'x-custom'",
                "license-expression introduced in metadata version 2.4, not 2.1",
                "license-file introduced in metadata version 2.4, not 2.1",
            ])
        #expect(result.metadata.licenseExpression?.normalized == "MIT")
        #expect(result.metadata.description == "Body\n")
        #expect(!result.metadata.isStaticForPEP658)
    }

    @Test func invalidUTF8IsRefusedClearly() {
        #expect(throws: MetadataError(field: "summary", message: "'summary' has invalid data: it is not valid UTF-8")) {
            try CoreMetadata.validated(
                parsing: Array("Metadata-Version: 2.1\nName: a\nVersion: 1\nSummary: ".utf8) + [0xC3])
        }
    }

    @Test func typedFieldsAreFilled() throws {
        let file = Array(
            """
            Metadata-Version: 2.2
            Name: Demo_Pkg
            Version: 1.0
            Summary: A demo
            Keywords: a, b
            Requires-Dist: requests>=2
            Requires-Python: >=3.9
            Provides-Extra: Fast_Mode
            Project-URL: Source, https://example.com/src
            Classifier: Programming Language :: Python :: 3

            Hello
            """.utf8)
        let metadata = try CoreMetadata.validated(parsing: file).metadata
        #expect(metadata.metadataVersion == .v2_2)
        #expect(metadata.name == "Demo_Pkg")
        #expect(metadata.version.description == "1.0")
        #expect(metadata.keywords == ["a", "b"])
        #expect(metadata.requiresDist.map(\.name) == ["requests"])
        #expect(metadata.requiresPython != nil)
        #expect(metadata.providesExtra == ["fast-mode"])
        #expect(metadata.projectURLs == [ProjectURL(label: "Source", url: "https://example.com/src")])
        #expect(metadata.isStaticForPEP658)
    }
}
