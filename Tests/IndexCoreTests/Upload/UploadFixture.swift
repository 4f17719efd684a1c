import IndexCore
import IndexTesting
import PythonPackaging

/// A store, blob store and clock with two users, and helpers to upload built distributions.
struct UploadFixture: Sendable {
    let store = InMemoryIndexStore()
    let blobs = InMemoryBlobStore()
    let clock = FixedClock()
    let alice: User
    let bob: User
    /// The use case's limits: 1 MiB files, 3 MiB projects, 4 MiB decompressed sdists.
    var limits = UploadLimits(fileSize: 1 << 20, projectSize: 3 << 20, sdistDecompressedBytes: 4 << 20)

    init() async throws {
        let store = self.store
        let clock = self.clock
        (alice, bob) = try await store.write { tx in
            (
                try await tx.createVerifiedUser(username: "alice", email: "a@example.org", created: clock.now()),
                try await tx.createVerifiedUser(username: "bob", email: "b@example.org", created: clock.now())
            )
        }
    }

    /// Kept across uploads, as one server keeps them.
    var guards = UploadGuards()

    var useCase: UploadDistribution {
        UploadDistribution(
            store: store, blobs: blobs, clock: clock, descriptions: MarkedDescriptions(), limits: limits,
            guards: guards)
    }

    /// Uploads `file` with `form` (digests added unless `form` has some) as `identity`.
    func upload(
        _ file: (filename: String, bytes: [UInt8]), form: [String: [String]], identity: UploadIdentity?,
        contentType: String? = "application/octet-stream", addDigest: Bool = true
    ) async throws -> UploadResult {
        let (blob, digests) = try await blobs.staged(file.bytes)
        var form = form
        if addDigest, form["sha256_digest"] == nil, form["md5_digest"] == nil, form["blake2_256_digest"] == nil {
            form["sha256_digest"] = [digests.sha256]
        }
        let content = UploadContent(filename: file.filename, contentType: contentType, blob: blob, digests: digests)
        return try await useCase(UploadRequest(form: form, content: content, identity: identity))
    }

    /// Uploads a wheel of `builder` as alice (unscoped).
    @discardableResult
    func uploadWheel(_ builder: DistributionBuilder, as user: User? = nil) async throws -> UploadResult {
        try await upload(builder.wheel(), form: builder.form(), identity: UploadIdentity(user: user ?? alice))
    }

    /// The journal actions, oldest first.
    func journal() async throws -> [String] {
        try await store.journal(after: 0, limit: 1000).map(\.action)
    }
}

/// Descriptions for the use-case tests: any containing ``marker`` fail to render (the real
/// renderer is checked end to end in the HTTP tests, which build the application).
struct MarkedDescriptions: DescriptionRendering {
    static let marker = "<<does not render>>"
    func renders(_ description: String, contentType: String?) -> Bool { !description.contains(Self.marker) }
}
