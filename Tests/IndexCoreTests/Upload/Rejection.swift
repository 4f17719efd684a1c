import IndexCore
import IndexTesting
import PythonPackaging
import Testing

/// A refused upload: the expected kind of refusal and message, and an action on a fixture where alice
/// owns `demo` 1.0 (a wheel and an sdist).
struct Rejection: Sendable, CustomStringConvertible {
    let description: String
    let kind: DomainErrorKind
    let message: String
    /// Whether a valid upload (a `demo` 2.0 wheel by alice) succeeds afterwards; `false` when
    /// the action leaves the project refusing uploads (archived).
    var retries = true
    let act: @Sendable (UploadFixture) async throws -> Void

    static let core = "See https://packaging.python.org/specifications/core-metadata for more information."
}

let demo2 = DistributionBuilder(version: "2.0")

func attempt(
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

/// The form of an sdist upload.
func sdistForm(_ form: inout [String: [String]]) {
    form["filetype"] = ["sdist"]
    form["pyversion"] = ["source"]
}
