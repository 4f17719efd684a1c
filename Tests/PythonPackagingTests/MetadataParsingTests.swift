import Testing

@testable import PythonPackaging

/// Expected results come from `packaging.metadata.parse_email` (packaging 26.2).
@Suite struct MetadataParsingTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var input: [UInt8]
        var strings: [MetadataField: String] = [:]
        var lists: [MetadataField: [String]] = [:]
        var projectURLs: [ProjectURL]? = nil
        var unparsed: [RawMetadata.UnparsedField] = []
    }

    static let cases: [Case] = [
        Case(
            description: "continuation lines keep their break and indentation",
            input: Array("Metadata-Version: 2.1\nName: foo\nSummary: a\n  b\n\tc\n".utf8),
            strings: [.metadataVersion: "2.1", .name: "foo", .summary: "a\n  b\n\tc"]),
        Case(
            description: "CR LF line ends, body kept byte for byte",
            input: Array("Metadata-Version: 2.1\r\nName: foo\r\nSummary: x\r\n\r\nBody\r\nline\r\n".utf8),
            strings: [.metadataVersion: "2.1", .name: "foo", .summary: "x", .description: "Body\r\nline\r\n"]),
        Case(
            description: "a lone CR ends a line",
            input: Array("Name: foo\rVersion: 1.0\r\rbody".utf8),
            strings: [.name: "foo", .version: "1.0", .description: "body"]),
        Case(
            description: "description as header and body is ambiguous",
            input: Array("Name: foo\nDescription: head\n\nbody\n".utf8),
            strings: [.name: "foo"],
            unparsed: [.init(name: "description", values: ["head", "body\n"], reason: .invalidData)]),
        Case(
            description: "multiple-use fields and project URLs",
            input: Array(
                "Classifier: A\nClassifier: B\nRequires-Dist: x\nProject-URL: Home, https://x\nProject-URL: Bug,https://y\nProject-URL: bare\n"
                    .utf8),
            lists: [.classifier: ["A", "B"], .requiresDist: ["x"]],
            projectURLs: [
                ProjectURL(label: "Home", url: "https://x"), ProjectURL(label: "Bug", url: "https://y"),
                ProjectURL(label: "bare", url: ""),
            ]),
        Case(
            description: "a repeated Project-URL label is unparsed",
            input: Array("Project-URL: Home, https://x\nProject-URL: Home, https://y\n".utf8),
            unparsed: [
                .init(name: "project-url", values: ["Home, https://x", "Home, https://y"], reason: .invalidData)
            ]),
        Case(
            description: "a single-use field given twice is unparsed",
            input: Array("Name: a\nName: b\n".utf8),
            unparsed: [.init(name: "name", values: ["a", "b"], reason: .invalidData)]),
        Case(
            description: "names are case-insensitive and unknown fields kept apart",
            input: Array("X-Thing: 1\nname: lower\n".utf8),
            strings: [.name: "lower"],
            unparsed: [.init(name: "x-thing", values: ["1"], reason: .unrecognized)]),
        Case(
            description: "keywords split on commas and trimmed",
            input: Array("Keywords: a, b ,c\n".utf8),
            lists: [.keywords: ["a", "b", "c"]]),
        Case(
            description: "keywords given twice are unparsed",
            input: Array("Keywords: a\nKeywords: b\n".utf8),
            unparsed: [.init(name: "keywords", values: ["a", "b"], reason: .invalidData)]),
        Case(
            description: "a header that is not UTF-8",
            input: Array("Name: ".utf8) + [0xFF] + Array("\nSummary: ok\n".utf8),
            strings: [.summary: "ok"],
            unparsed: [.init(name: "name", values: ["\u{FFFD}"], reason: .invalidUTF8)]),
        Case(
            description: "a body that is not UTF-8",
            input: Array("Name: a\n\n".utf8) + [0xFE, 0x0A],
            strings: [.name: "a"],
            unparsed: [.init(name: "description", values: ["\u{FFFD}\n"], reason: .invalidUTF8)]),
        Case(
            description: "a body that is not UTF-8 after a repeated description header",
            input: Array("Description: a\nDescription: b\n\n".utf8) + [0xFE],
            unparsed: [.init(name: "description", values: ["a", "b", "\u{FFFD}"], reason: .invalidUTF8)]),
        Case(
            description: "a body after a repeated description header joins it",
            input: Array("Description: a\nDescription: b\n\nc".utf8),
            unparsed: [.init(name: "description", values: ["a", "b", "c"], reason: .invalidData)]),
        Case(
            description: "a line that is not a header starts the body",
            input: Array("Name: a\nthis is body\nmore\n".utf8),
            strings: [.name: "a", .description: "this is body\nmore\n"]),
        Case(
            description: "a continuation before any header is dropped",
            input: Array("  lead\nName: a\n".utf8),
            strings: [.name: "a"]),
        Case(
            description: "a header without a name is dropped with its continuation",
            input: Array(":nothing\n  cont\nName: a\n".utf8),
            strings: [.name: "a"]),
        Case(
            description: "an mbox envelope line is skipped",
            input: Array("From someone\nName: a\n".utf8),
            strings: [.name: "a"]),
        Case(
            description: "a From line in the middle ends the header it follows",
            input: Array("Name: a\nFrom x\n  cont\nSummary: s\n".utf8),
            strings: [.name: "a", .summary: "s"]),
        Case(
            description: "a From line ending the headers goes to the body",
            input: Array("Name: a\nFrom x\n\nbody\n".utf8),
            strings: [.name: "a", .description: "From x\nbody\n"]),
        Case(
            description: "empty values",
            input: Array("Name:\nSummary:   \n".utf8),
            strings: [.name: "", .summary: ""]),
        Case(
            description: "UTF-8 headers and body",
            input: Array("Name: café\nAuthor: Jürgen\n\nété\n".utf8),
            strings: [.name: "café", .author: "Jürgen", .description: "été\n"]),
        Case(
            description: "the old indented description keeps its bars, as packaging does",
            input: Array("Name: a\nDescription: line1\n        |  line2\n        |\n".utf8),
            strings: [.name: "a", .description: "line1\n        |  line2\n        |"]),
        Case(
            description: "a space in a header name starts the body",
            input: Array("Na me: x\nName: a\n".utf8),
            strings: [.description: "Na me: x\nName: a\n"]),
        Case(
            description: "non-ASCII in a header name starts the body",
            input: Array("Nämé: x\n".utf8),
            strings: [.description: "Nämé: x\n"]),
        Case(
            description: "an empty file", input: []),
        Case(
            description: "a header line without a line end",
            input: Array("Name: a".utf8),
            strings: [.name: "a"]),
        Case(
            description: "a last line without a colon or line end is the body",
            input: Array("Name: a\nfoo".utf8),
            strings: [.name: "a", .description: "foo"]),
    ]

    @Test(arguments: cases)
    func parsesLikePackaging(_ testCase: Case) {
        let raw = RawMetadata(parsing: testCase.input)
        #expect(raw.strings == testCase.strings)
        #expect(raw.lists == testCase.lists)
        #expect(raw.projectURLs == testCase.projectURLs)
        #expect(raw.unparsed == testCase.unparsed)
    }

    /// A header block ended by a line that is no header (no colon, no leading space), many
    /// times over: the coverage gate reads this path's count by subtraction from racy counters
    /// (tests elsewhere parse metadata concurrently), and one run saw a lost increment leave it
    /// at 0 when a single case hit it once.
    @Test func aLineWithoutAColonEndsTheHeaders() {
        for index in 0..<200 {
            let raw = RawMetadata(parsing: Array("Name: a\nVersion: 1.\(index)\nbody-\(index)\nmore\n".utf8))
            #expect(raw.strings == [.name: "a", .version: "1.\(index)", .description: "body-\(index)\nmore\n"])
        }
    }

    @Test func formFieldsMapLikeWarehouse() {
        let raw = RawMetadata(form: [
            "metadata_version": ["2.4"], "name": ["foo"], "version": ["1.0"],
            "classifiers": ["A", "B"], "requires_dist": ["x"], "platform": ["any"],
            "license_file": ["LICENSE"], "keywords": ["a,b"], "project_urls": ["Home, https://x"],
            "summary": [""], ":action": ["file_upload"], "sha256_digest": ["00"],
            "author": ["a", "b"],
        ])
        #expect(raw.strings == [.metadataVersion: "2.4", .name: "foo", .version: "1.0"])
        #expect(
            raw.lists == [
                .classifier: ["A", "B"], .requiresDist: ["x"], .platform: ["any"], .licenseFile: ["LICENSE"],
                .keywords: ["a", "b"],
            ])
        #expect(raw.projectURLs == [ProjectURL(label: "Home", url: "https://x")])
        #expect(raw.unparsed == [.init(name: "author", values: ["a", "b"], reason: .invalidData)])
    }

    @Test func formNamesFollowWarehouse() {
        #expect(MetadataField.classifier.formName == "classifiers")
        #expect(MetadataField.projectURL.formName == "project_urls")
        #expect(MetadataField.supportedPlatform.formName == "supported_platform")
        #expect(MetadataField.descriptionContentType.formName == "description_content_type")
        for field in MetadataField.allCases {
            #expect(MetadataField(formName: field.formName) == field)
        }
        #expect(MetadataField(formName: "content") == nil)
    }

    @Test func metadataVersionsAreOrdered() {
        #expect(MetadataVersion.allCases.sorted() == MetadataVersion.allCases)
        #expect(MetadataVersion.v2_1 < .v2_2)
    }
}
