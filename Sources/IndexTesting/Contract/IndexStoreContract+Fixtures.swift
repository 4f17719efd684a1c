import IndexCore
import PythonPackaging

extension IndexStoreContract {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    /// Digests that differ per `seed`.
    static func digests(_ seed: Int) -> DistributionDigests {
        let hex = String(seed, radix: 16)
        func pad(_ length: Int, _ fill: Character) -> String {
            String(repeating: fill, count: length - hex.count) + hex
        }
        return DistributionDigests(md5: pad(32, "a"), sha256: pad(64, "b"), blake2b256: pad(64, "c"))
    }

    /// A file upload named `filename` with digests from `seed`.
    static func upload(
        _ filename: String, seed: Int, type: UploadFiletype = .bdistWheel, size: Int = 100
    ) -> FileUpload {
        let digests = digests(seed)
        return FileUpload(
            filename: filename, packageType: type, pythonVersion: type == .sdist ? "source" : "py3",
            requiresPython: ">=3.9", size: size, digests: digests,
            blobPath: BlobKey(blake2b256: digests.blake2b256, filename: filename).path,
            metadataDigests: MetadataFileDigests(sha256: digests.sha256, blake2b256: digests.blake2b256),
            uploadTime: t0, uploader: nil)
    }

    /// Creates a project and a release in one transaction.
    static func projectWithRelease(
        _ store: any IndexStore, name: String = "Demo", version: String = "1.0"
    ) async throws -> (Project, Release) {
        try await store.write { tx in
            let project = try await tx.createProject(
                name: name, normalizedName: ProjectName.normalize(name), created: t0)
            var metadata = ReleaseMetadata()
            metadata.summary = "A demo"
            metadata.classifiers = ["Programming Language :: Python :: 3"]
            metadata.projectURLs = [ProjectURL(label: "Source", url: "https://example.org/src")]
            let release = try await tx.createRelease(
                projectID: project.id, version: version, canonicalVersion: Version.canonicalize(version),
                metadata: metadata, created: t0, uploader: nil)
            return (project, release)
        }
    }
}
