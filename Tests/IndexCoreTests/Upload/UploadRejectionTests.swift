import IndexCore
import IndexTesting
import PythonPackaging
import Testing

/// A refused upload: the expected status and message, and an action on a fixture where alice
/// owns `demo` 1.0 (a wheel and an sdist).
struct Rejection: Sendable, CustomStringConvertible {
    let description: String
    let status: Int
    let message: String
    let act: @Sendable (UploadFixture) async throws -> Void

    static let core = "See https://packaging.python.org/specifications/core-metadata for more information."
}

private let demo2 = DistributionBuilder(version: "2.0")

private func upload(
    _ fixture: UploadFixture, _ builder: DistributionBuilder = demo2, file: (String, [UInt8])? = nil,
    user: User? = nil, scope: [String] = [], contentType: String? = "application/octet-stream",
    addDigest: Bool = true, edit: (inout [String: [String]]) -> Void = { _ in }
) async throws {
    var form = builder.form()
    edit(&form)
    let wheel = builder.wheel()
    _ = try await fixture.upload(
        file.map { (filename: $0.0, bytes: $0.1) } ?? wheel, form: form,
        identity: UploadIdentity(user: user ?? fixture.alice, projectScope: scope), contentType: contentType,
        addDigest: addDigest)
}

let rejections: [Rejection] = [
    Rejection(
        description: "no identity", status: 403,
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
    Rejection(description: "U04 protocol version 2", status: 400, message: "Unknown protocol version.") {
        try await upload($0) { $0["protocol_version"] = ["2"] }
    },
    Rejection(description: "U05 no digest", status: 400, message: "Error: Include at least one message digest.") {
        try await upload($0, addDigest: false)
    },
    Rejection(
        description: "U05 63-char sha256", status: 400,
        message: "Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest."
    ) {
        try await upload($0) { $0["sha256_digest"] = [String(repeating: "a", count: 63)] }
    },
    Rejection(
        description: "U05 wrong blake2", status: 400,
        message: "The digest supplied does not match a digest calculated from the uploaded file."
    ) {
        try await upload($0) { $0["blake2_256_digest"] = [String(repeating: "a", count: 64)] }
    },
    Rejection(
        description: "unknown filetype", status: 400,
        message: "Invalid value for filetype. Error: Use a known file type."
    ) {
        try await upload($0) { $0["filetype"] = ["bdist_egg"] }
    },
    Rejection(
        description: "sdist with a wheel pyversion", status: 400,
        message: "Error: Use 'source' as Python version for an sdist."
    ) {
        try await upload($0) { $0["filetype"] = ["sdist"] }
    },
    Rejection(
        description: "U08 Metadata-Version 3.0", status: 400,
        message: "'3.0' is not a valid metadata version. " + Rejection.core
    ) {
        try await upload($0) { $0["metadata_version"] = ["3.0"] }
    },
    Rejection(description: "U01 no content", status: 400, message: "Upload payload does not have a file.") { fixture in
        _ = try await fixture.useCase(
            UploadRequest(
                form: demo2.form(sha256: String(repeating: "a", count: 64)), content: nil,
                identity: UploadIdentity(user: fixture.alice)))
    },
    Rejection(
        description: "N01 non-ASCII name", status: 400,
        message: "'reqυests' is an invalid value for Name. Error: \(NameError.invalidCharactersMessage) "
            + Rejection.core
    ) {
        try await upload($0) { $0["name"] = ["reqυests"] }
    },
    Rejection(description: "N04 stdlib name", status: 400, message: NameError.standardLibraryModule("asyncio").message)
    {
        try await upload($0, DistributionBuilder(name: "asyncio"))
    },
    Rejection(description: "N03 too similar", status: 400, message: NameError.tooSimilar("D.E.M.0").message) {
        try await upload($0, DistributionBuilder(name: "D.E.M.0"))
    },
    Rejection(
        description: "N02 non-maintainer", status: 403,
        message:
            "The user 'bob' isn't allowed to upload to project 'demo'. See /help/#project-name for more information."
    ) {
        try await upload($0, DistributionBuilder(name: "DEMO", version: "2.0"), user: $0.bob)
    },
    Rejection(
        description: "AU04 token scoped to another project", status: 403,
        message:
            "The given token isn't allowed to upload to project 'demo'. See /help/#project-name for more information."
    ) {
        try await upload($0, scope: ["other"])
    },
    Rejection(
        description: "AU04 scoped token creating a project", status: 403,
        message:
            "The given token isn't allowed to upload to project 'newproj'. See /help/#project-name for more information."
    ) {
        try await upload($0, DistributionBuilder(name: "newproj"), scope: ["demo"])
    },
    Rejection(
        description: "archived project", status: 403,
        message:
            "The project 'demo' is archived and does not accept new uploads. See /help/#archived-project for more information."
    ) { fixture in
        let project = try #require(try await fixture.store.project(normalizedName: "demo"))
        try await fixture.store.write { tx in try await tx.setStatus(.archived, projectID: project.id) }
        try await upload(fixture)
    },
    Rejection(
        description: "U12 path separator", status: 400, message: "Cannot upload a file with '/' or '\\' in the name."
    ) {
        try await upload($0, file: ("../demo-2.0-py3-none-any.whl", demo2.wheel().bytes))
    },
    Rejection(
        description: "U13 .egg", status: 400,
        message:
            "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information"
    ) {
        try await upload($0, file: ("demo-2.0.egg", demo2.wheel().bytes))
    },
    Rejection(description: "U13 image content type", status: 400, message: "Invalid distribution file.") {
        try await upload($0, contentType: "image/png")
    },
    Rejection(
        description: "U14 file too large", status: 400,
        message: "File too large. Limit for project 'demo' is 1 MB. See /help/#file-size-limit for more information."
    ) {
        try await upload($0, file: ("demo-2.0-py3-none-any.whl", [UInt8](repeating: 0, count: (1 << 20) + 1)))
    },
    Rejection(description: "same name, other content", status: 400, message: "") { _ in },
    Rejection(description: "second sdist", status: 400, message: "Only one sdist may be uploaded per release.") {
        try await upload(
            $0, DistributionBuilder(),
            file: ("demo-1.0.zip", ZipWriter.archive([("demo-1.0/PKG-INFO", DistributionBuilder().metadataFile)]))
        ) {
            $0["filetype"] = ["sdist"]
            $0["pyversion"] = ["source"]
        }
    },
    Rejection(description: "A04 random bytes as a wheel", status: 400, message: "Invalid distribution file. ") {
        try await upload($0, file: ("demo-2.0-py3-none-any.whl", Array("not a zip at all".utf8)))
    },
    Rejection(
        description: "U06 filename version differs", status: 400,
        message: "Version in filename should be '3.0' not '2.0'."
    ) {
        try await upload($0) { $0["version"] = ["3.0"] }
    },
    Rejection(
        description: "U15 unsupported platform tag", status: 400,
        message: "Binary wheel 'demo-2.0-cp312-cp312-linux_x86_64.whl' has an unsupported platform tag 'linux_x86_64'."
    ) {
        try await upload($0, file: demo2.wheel(tag: "cp312-cp312-linux_x86_64"))
    },
    Rejection(
        description: "U07 sdist name not normalized", status: 400,
        message: "Filename 'Demo-2.0.tar.gz' is invalid, should be 'demo-2.0.tar.gz'."
    ) {
        let bytes = TarGzipWriter.archive([("Demo-2.0/PKG-INFO", demo2.metadataFile)])
        try await upload($0, file: ("Demo-2.0.tar.gz", bytes)) {
            $0["filetype"] = ["sdist"]
            $0["pyversion"] = ["source"]
        }
    },
].filter { !$0.message.isEmpty }

@Suite struct UploadRejectionTests {
    private func seeded() async throws -> UploadFixture {
        let fixture = try await UploadFixture()
        let builder = DistributionBuilder()
        try await fixture.uploadWheel(builder)
        _ = try await fixture.upload(
            builder.sdist(), form: builder.form(filetype: "sdist", pyversion: "source"),
            identity: UploadIdentity(user: fixture.alice))
        return fixture
    }

    @Test(arguments: rejections)
    func refusalStoresNothing(_ rejection: Rejection) async throws {
        let fixture = try await seeded()
        let counts = fixture.store.counts()
        let paths = fixture.blobs.paths
        let error = await #expect(throws: UploadError.self) { try await rejection.act(fixture) }
        #expect(error?.status == rejection.status)
        if rejection.message.hasSuffix(". ") {
            #expect(error?.message.hasPrefix(rejection.message) == true, "\(String(describing: error))")
        } else {
            #expect(error?.message == rejection.message)
        }
        #expect(fixture.store.counts() == counts)
        #expect(fixture.blobs.paths == paths)
        #expect(fixture.blobs.stagedCount == 0)
    }

    @Test func sameNameWithOtherContentAlreadyExists() async throws {
        let fixture = try await seeded()
        let counts = fixture.store.counts()
        var builder = DistributionBuilder()
        builder.extraHeaders = ["Summary: changed"]
        let wheel = builder.wheel()
        var hasher = DistributionHasher()
        hasher.update(wheel.bytes)
        let blake2 = hasher.finalize().blake2b256
        let error = await #expect(throws: UploadError.self) {
            _ = try await fixture.upload(wheel, form: builder.form(), identity: UploadIdentity(user: fixture.alice))
        }
        #expect(
            error?.message
                == "File already exists ('demo-1.0-py3-none-any.whl', with blake2_256 hash '\(blake2)'). See /help/#file-name-reuse for more information."
        )
        #expect(fixture.store.counts() == counts)
    }

    @Test func deletedFilenameCannotBeReused() async throws {
        let fixture = try await seeded()
        let file = try #require(try await fixture.store.file(filename: "demo-1.0-py3-none-any.whl"))
        try await fixture.store.write { tx in try await tx.deleteFile(id: file.id) }
        var builder = DistributionBuilder()
        builder.extraHeaders = ["Summary: again"]
        let error = await #expect(throws: UploadError.self) {
            _ = try await fixture.upload(
                builder.wheel(), form: builder.form(), identity: UploadIdentity(user: fixture.alice))
        }
        #expect(
            error?.message
                == "This filename was previously used by a file that has since been deleted. Use a different version. See /help/#file-name-reuse for more information."
        )
    }
}
