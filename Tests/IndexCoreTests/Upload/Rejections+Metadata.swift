import IndexCore
import IndexTesting
import PythonPackaging
import Testing

private let wheelName = demo2.wheel().filename
private let unprintable =
    "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name."
private let separator = "Cannot upload a file with '/' or '\\' in the name."
private let badExtension =
    "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"

/// U04-U13 and N04: form fields, metadata and filenames.
let metadataRejections: [Rejection] = [
    Rejection(
        description: "U11 description declared text/x-rst that fails to render", kind: .invalid,
        message: "The description failed to render for 'text/x-rst'. "
            + "See /help/#description-content-type for more information."
    ) {
        try await attempt($0) {
            $0["description"] = ["Title\n" + MarkedDescriptions.marker]
            $0["description_content_type"] = ["text/x-rst"]
        }
    },
    Rejection(
        description: "U11 description with no declared type that fails to render", kind: .invalid,
        message: "The description failed to render in the default format of reStructuredText. "
            + "See /help/#description-content-type for more information."
    ) {
        try await attempt($0) {
            $0["description"] = [MarkedDescriptions.marker]
            $0["description_content_type"] = nil
        }
    },
    Rejection(
        description: "U04 version sent twice", kind: .invalid,
        message: "'version' has invalid data. " + Rejection.core
    ) {
        try await attempt($0) { $0["version"] = ["2.0", "2.0"] }
    },
    Rejection(
        description: "U06 wheel name part differs from the metadata name", kind: .invalid,
        message: "Start filename for 'demo' with 'demo'."
    ) {
        try await attempt($0, file: DistributionBuilder(name: "other", version: "2.0").wheel())
    },
    Rejection(
        description: "U08 Metadata-Version 2.0", kind: .invalid,
        message: "'2.0' is not a valid metadata version. " + Rejection.core
    ) {
        try await attempt($0) { $0["metadata_version"] = ["2.0"] }
    },
    Rejection(
        description: "U08 local version 2.0+local", kind: .invalid,
        message:
            "The use of local versions in '2.0+local' is not allowed. See https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers for more information."
    ) {
        try await attempt($0) { $0["version"] = ["2.0+local"] }
    },
    Rejection(
        description: "U08 version banana", kind: .invalid,
        message: "'banana' is invalid for 'version'. " + Rejection.core
    ) {
        try await attempt($0) { $0["version"] = ["banana"] }
    },
    Rejection(
        description: "U09 Summary of 513 characters", kind: .invalid,
        message: "'summary' field must be 512 characters or less. " + Rejection.core
    ) {
        try await attempt($0) { $0["summary"] = [String(repeating: "s", count: 513)] }
    },
    Rejection(
        description: "U09 Summary with a newline", kind: .invalid,
        message: "'summary' must be a single line. " + Rejection.core
    ) {
        try await attempt($0) { $0["summary"] = ["one\ntwo"] }
    },
    Rejection(
        description: "U09 Summary with CR LF", kind: .invalid,
        message: "'summary' must be a single line. " + Rejection.core
    ) {
        try await attempt($0) { $0["summary"] = ["one\r\nSet-Cookie: x=1"] }
    },
    Rejection(
        description: "U10 unknown classifier", kind: .invalid,
        message: "'Framework :: Cheese :: Shop' is not a valid classifier. " + Rejection.core
    ) {
        try await attempt($0) { $0["classifiers"] = ["Framework :: Cheese :: Shop"] }
    },
    Rejection(
        description: "U10 deprecated classifier", kind: .invalid,
        message:
            "The classifier 'Natural Language :: Ukranian' has been deprecated, use one of ['Natural Language :: Ukrainian'] instead. "
            + Rejection.core
    ) {
        try await attempt($0) { $0["classifiers"] = ["Natural Language :: Ukranian"] }
    },
    Rejection(
        description: "U10 direct URL dependency", kind: .invalid,
        message: "Can't have direct dependency: x @ https://evil/x.whl. " + Rejection.core
    ) {
        try await attempt($0) { $0["requires_dist"] = ["x @ https://evil/x.whl"] }
    },
    Rejection(description: "U12 NUL in the filename", kind: .invalid, message: unprintable) {
        try await attempt($0, file: ("demo-2.0-py3-none-any\0.whl", demo2.wheel().bytes))
    },
    Rejection(description: "U12 CR in the filename", kind: .invalid, message: unprintable) {
        try await attempt($0, file: ("demo-2.0-py3-none-any\r.whl", demo2.wheel().bytes))
    },
    Rejection(description: "U12 LF in the filename", kind: .invalid, message: unprintable) {
        try await attempt($0, file: ("demo-2.0-py3-none-any\n.whl", demo2.wheel().bytes))
    },
    Rejection(description: "U12 DEL in the filename", kind: .invalid, message: unprintable) {
        try await attempt($0, file: ("demo-2.0-py3-none-any\u{7F}.whl", demo2.wheel().bytes))
    },
    Rejection(description: "U12 backslash path", kind: .invalid, message: separator) {
        try await attempt($0, file: ("..\\\(wheelName)", demo2.wheel().bytes))
    },
    Rejection(description: "U12 absolute path", kind: .invalid, message: separator) {
        try await attempt($0, file: ("/abs/\(wheelName)", demo2.wheel().bytes))
    },
    Rejection(description: "U12 drive path", kind: .invalid, message: separator) {
        try await attempt($0, file: ("C:\\\(wheelName)", demo2.wheel().bytes))
    },
    Rejection(
        description: "U12 filename of 300 characters", kind: .invalid,
        message: "Filename is too long: the limit is 246 bytes."
    ) {
        let filename = "demo-2.0-1" + String(repeating: "a", count: 273) + "-py3-none-any.whl"
        try #require(filename.count == 300)
        try await attempt($0, file: (filename, demo2.wheel().bytes))
    },
    Rejection(
        description: "U13 .whl with filetype sdist", kind: .invalid,
        message:
            "Invalid file extension: Extension .whl is invalid for filetype sdist. See https://www.python.org/dev/peps/pep-0527 for more information."
    ) {
        try await attempt($0, file: demo2.wheel(), edit: sdistForm)
    },
    Rejection(description: "U13 .tar.bz2", kind: .invalid, message: badExtension) {
        try await attempt($0, file: ("demo-2.0.tar.bz2", demo2.sdist().bytes), edit: sdistForm)
    },
    Rejection(description: "U13 .exe", kind: .invalid, message: badExtension) {
        try await attempt($0, file: ("demo-2.0.win32.exe", demo2.wheel().bytes))
    },
    Rejection(description: "U13 no part content type", kind: .invalid, message: "Invalid distribution file.") {
        try await attempt($0, contentType: nil)
    },
    Rejection(description: "N04 stdlib name os", kind: .invalid, message: NameError.standardLibraryModule("os").message)
    {
        try await attempt($0, DistributionBuilder(name: "os"))
    },
    Rejection(
        description: "N04 stdlib name xml.etree", kind: .invalid,
        message: NameError.standardLibraryModule("xml.etree").message
    ) {
        try await attempt($0, DistributionBuilder(name: "xml.etree"))
    },
]
