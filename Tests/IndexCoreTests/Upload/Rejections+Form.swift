import IndexCore
import IndexTesting
import PythonPackaging
import Testing

let formRejections: [Rejection] = [
    Rejection(
        description: "no identity", kind: .forbidden,
        message: "Invalid or non-existent authentication information. See /help/#invalid-auth for more information."
    ) { fixture in
        let (blob, digests) = try await fixture.blobs.staged(demo2.wheel().bytes)
        _ = try await fixture.useCase(
            UploadRequest(
                form: demo2.form(),
                content: UploadContent(
                    filename: demo2.wheel().filename, contentType: "application/octet-stream", blob: blob,
                    digests: digests), identity: nil))
    },
    Rejection(description: "U04 protocol version 2", kind: .invalid, message: "Unknown protocol version.") {
        try await attempt($0) { $0["protocol_version"] = ["2"] }
    },
    Rejection(description: "U05 no digest", kind: .invalid, message: "Error: Include at least one message digest.") {
        try await attempt($0, addDigest: false)
    },
    Rejection(
        description: "U05 63-char sha256", kind: .invalid,
        message: "Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest."
    ) {
        try await attempt($0) { $0["sha256_digest"] = [String(repeating: "a", count: 63)] }
    },
    Rejection(
        description: "U05 wrong blake2", kind: .invalid,
        message: "The digest supplied does not match a digest calculated from the uploaded file."
    ) {
        try await attempt($0) { $0["blake2_256_digest"] = [String(repeating: "a", count: 64)] }
    },
    Rejection(
        description: "unknown filetype", kind: .invalid,
        message: "Invalid value for filetype. Error: Use a known file type."
    ) {
        try await attempt($0) { $0["filetype"] = ["bdist_egg"] }
    },
    Rejection(
        description: "sdist with a wheel pyversion", kind: .invalid,
        message: "Error: Use 'source' as Python version for an sdist."
    ) {
        try await attempt($0) { $0["filetype"] = ["sdist"] }
    },
    Rejection(
        description: "U08 Metadata-Version 3.0", kind: .invalid,
        message: "'3.0' is not a valid metadata version. " + Rejection.core
    ) {
        try await attempt($0) { $0["metadata_version"] = ["3.0"] }
    },
    Rejection(description: "U01 no content", kind: .invalid, message: "Upload payload does not have a file.") {
        fixture in
        _ = try await fixture.useCase(
            UploadRequest(
                form: demo2.form(sha256: String(repeating: "a", count: 64)), content: nil,
                identity: UploadIdentity(user: fixture.alice)))
    },
    Rejection(
        description: "N01 non-ASCII name", kind: .invalid,
        message: "'reqυests' is an invalid value for Name. Error: \(NameError.invalidCharactersMessage) "
            + Rejection.core
    ) {
        try await attempt($0) { $0["name"] = ["reqυests"] }
    },
    Rejection(
        description: "N04 stdlib name", kind: .invalid, message: NameError.standardLibraryModule("asyncio").message
    ) {
        try await attempt($0, DistributionBuilder(name: "asyncio"))
    },
    Rejection(description: "N03 too similar", kind: .invalid, message: NameError.tooSimilar("D.E.M.0").message) {
        try await attempt($0, DistributionBuilder(name: "D.E.M.0"))
    },
    Rejection(
        description: "N02 non-maintainer", kind: .forbidden,
        message:
            "The user 'bob' isn't allowed to upload to project 'demo'. See /help/#project-name for more information."
    ) {
        try await attempt($0, DistributionBuilder(name: "DEMO", version: "2.0"), user: $0.bob)
    },
    Rejection(
        description: "AU04 token scoped to another project", kind: .forbidden,
        message:
            "The given token isn't allowed to upload to project 'demo'. See /help/#project-name for more information."
    ) {
        try await attempt($0, scope: ["other"])
    },
    Rejection(
        description: "AU04 scoped token creating a project", kind: .forbidden,
        message:
            "The given token isn't allowed to upload to project 'newproj'. See /help/#project-name for more information."
    ) {
        try await attempt($0, DistributionBuilder(name: "newproj"), scope: ["demo"])
    },
    Rejection(
        description: "archived project", kind: .forbidden,
        message:
            "The project 'demo' is archived and does not accept new uploads. See /help/#archived-project for more information.",
        retries: false
    ) { fixture in
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        try await fixture.store.write { tx in try await tx.setStatus(.archived, projectID: project.id) }
        try await attempt(fixture)
    },
    Rejection(
        description: "U12 path separator", kind: .invalid, message: "Cannot upload a file with '/' or '\\' in the name."
    ) {
        try await attempt($0, file: ("../demo-2.0-py3-none-any.whl", demo2.wheel().bytes))
    },
    Rejection(
        description: "U13 .egg", kind: .invalid,
        message:
            "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
    ) {
        try await attempt($0, file: ("demo-2.0.egg", demo2.wheel().bytes))
    },
    Rejection(description: "U13 image content type", kind: .invalid, message: "Invalid distribution file.") {
        try await attempt($0, contentType: "image/png")
    },
    Rejection(
        description: "U14 file too large", kind: .invalid,
        message: "File too large. Limit for project 'demo' is 1 MB. See /help/#file-size-limit for more information."
    ) {
        try await attempt($0, file: ("demo-2.0-py3-none-any.whl", [UInt8](repeating: 0, count: (1 << 20) + 1)))
    },
    Rejection(description: "second sdist", kind: .invalid, message: "Only one sdist may be uploaded per release.") {
        try await attempt(
            $0, DistributionBuilder(),
            file: ("demo-1.0.zip", ZipWriter.archive([("demo-1.0/PKG-INFO", DistributionBuilder().metadataFile)]))
        ) {
            $0["filetype"] = ["sdist"]
            $0["pyversion"] = ["source"]
        }
    },
    Rejection(description: "A04 random bytes as a wheel", kind: .invalid, message: "Invalid distribution file. ") {
        try await attempt($0, file: ("demo-2.0-py3-none-any.whl", Array("not a zip at all".utf8)))
    },
    Rejection(
        description: "U06 filename version differs", kind: .invalid,
        message: "Version in filename should be '3.0' not '2.0'."
    ) {
        try await attempt($0) { $0["version"] = ["3.0"] }
    },
    Rejection(
        description: "U15 unsupported platform tag", kind: .invalid,
        message: "Binary wheel 'demo-2.0-cp312-cp312-linux_x86_64.whl' has an unsupported platform tag 'linux_x86_64'."
    ) {
        try await attempt($0, file: demo2.wheel(tag: "cp312-cp312-linux_x86_64"))
    },
    Rejection(
        description: "U07 sdist name not normalized", kind: .invalid,
        message: "Filename 'Demo-2.0.tar.gz' is invalid, should be 'demo-2.0.tar.gz'."
    ) {
        let bytes = TarGzipWriter.archive([("Demo-2.0/PKG-INFO", demo2.metadataFile)])
        try await attempt($0, file: ("Demo-2.0.tar.gz", bytes)) {
            $0["filetype"] = ["sdist"]
            $0["pyversion"] = ["source"]
        }
    },
]
