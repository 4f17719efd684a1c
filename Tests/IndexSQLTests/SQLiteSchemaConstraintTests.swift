import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@testable import IndexSQL

/// The schema enforces every uniqueness rule by itself: with the pre-checks skipped, a
/// violation still ends as the conflict the contract names.
@Suite struct SQLiteSchemaConstraintTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)
    static let original = SQLiteIndexStoreTests.wheel("demo-1.0-py3-none-any.whl", seed: "1")
    static let other = SQLiteIndexStoreTests.wheel("demo-1.0-py2-none-any.whl", seed: "2")

    static func clash(_ change: (inout FileUpload) -> Void) -> FileUpload {
        var upload = other
        change(&upload)
        return upload
    }

    static let cases: [(String, FileUpload, IndexStoreConflict)] = [
        ("filename", clash { $0.filename = original.filename }, .filename(original.filename)),
        (
            "md5",
            clash {
                $0.digests = DistributionDigests(
                    md5: original.digests.md5, sha256: $0.digests.sha256, blake2b256: $0.digests.blake2b256)
            }, .digest(original.digests.md5)
        ),
        (
            "sha256",
            clash {
                $0.digests = DistributionDigests(
                    md5: $0.digests.md5, sha256: original.digests.sha256, blake2b256: $0.digests.blake2b256)
            }, .digest(original.digests.sha256)
        ),
        (
            "blake2b256",
            clash {
                $0.digests = DistributionDigests(
                    md5: $0.digests.md5, sha256: $0.digests.sha256, blake2b256: original.digests.blake2b256)
            }, .digest(original.digests.blake2b256)
        ),
        ("blob path", clash { $0.blobPath = original.blobPath }, .digest(original.blobPath)),
        (
            "registered filename", clash { $0.filename = "demo-1.0-py3-none-any.whl.deleted" },
            .filenameRegistered("demo-1.0-py3-none-any.whl.deleted")
        ),
        ("second sdist", SQLiteIndexStoreTests.wheel("demo-1.0.zip", seed: "4").asSdist, .sdistPerRelease),
    ]

    @Test(arguments: cases.indices)
    func theSchemaRefusesAClash(_ index: Int) async throws {
        let (_, upload, expected) = Self.cases[index]
        try await TemporaryDirectory.withStore(.memory) { store async throws in
            let release = try await store.write { tx in
                let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: Self.t0)
                let release = try await tx.createRelease(
                    projectID: project.id, version: "1.0", canonicalVersion: "1", metadata: ReleaseMetadata(),
                    created: Self.t0, uploader: nil)
                _ = try await tx.addFile(Self.original, to: release.id)
                _ = try await tx.addFile(
                    SQLiteIndexStoreTests.wheel("demo-1.0.tar.gz", seed: "3").asSdist, to: release.id)
                let gone = try await tx.addFile(
                    Self.clash {
                        $0.filename = "demo-1.0-py3-none-any.whl.deleted"
                        $0.digests = DistributionDigests(
                            md5: String(repeating: "5", count: 32), sha256: String(repeating: "5", count: 64),
                            blake2b256: String(repeating: "5", count: 64))
                        $0.blobPath = "gone"
                    }, to: release.id)
                try await tx.deleteFile(id: gone.id)
                return release
            }
            await #expect(throws: IndexStoreError.conflict(expected)) {
                _ = try await store.write { _ in
                    let writes = IndexWrites(
                        queries: IndexQueries(db: try #require(store.writer).sql()),
                        uniqueViolation: SQLiteDialectSpecifics.uniqueViolation)
                    return try await writes.insertFile(upload, to: release.id)
                }
            }
            #expect(try await store.projectDetail(normalizedName: "demo")?.files.count == 2)
        }
    }
}

extension FileUpload {
    var asSdist: FileUpload {
        var copy = self
        copy.packageType = .sdist
        copy.pythonVersion = "source"
        return copy
    }
}
