import IndexCore
import IndexTesting
import PythonPackaging
import Testing

@testable import IndexSQL

@Suite struct SQLiteIndexStoreTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600.5)

    static func wheel(_ filename: String, seed: Character) -> FileUpload {
        let digests = DistributionDigests(
            md5: String(repeating: seed, count: 32), sha256: String(repeating: seed, count: 64),
            blake2b256: String(repeating: seed, count: 64))
        return FileUpload(
            filename: filename, packageType: .bdistWheel, pythonVersion: "py3", requiresPython: nil, size: 42,
            digests: digests, blobPath: BlobKey(blake2b256: digests.blake2b256, filename: filename).path,
            metadataDigests: nil, uploadTime: t0, uploader: nil)
    }

    /// Creates project `Demo` with release 1.0, one wheel and a journal entry.
    static func populate(_ store: SQLIndexStore) async throws {
        try await store.write { tx in
            let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: t0)
            var metadata = ReleaseMetadata()
            metadata.summary = "Persisted"
            metadata.keywords = ["a", "b, c"]
            metadata.projectURLs = [ProjectURL(label: "Home", url: "https://example.org")]
            let release = try await tx.createRelease(
                projectID: project.id, version: "1.0", canonicalVersion: "1", metadata: metadata, created: t0,
                uploader: nil)
            _ = try await tx.addFile(wheel("demo-1.0-py3-none-any.whl", seed: "1"), to: release.id)
            _ = try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: "1.0", action: "new release", time: t0,
                actor: nil)
        }
    }

    @Test func dataPersistsWhenTheFileIsReopened() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            let before = try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                try await Self.populate(store)
                return try await store.projectDetail(normalizedName: "demo")
            }
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let after = try await store.projectDetail(normalizedName: "demo")
                #expect(after != nil)
                #expect(after == before)
                #expect(after?.releases.first?.metadata.keywords == ["a", "b, c"])
                #expect(try await store.maxSerial() == 1)
                #expect(try await store.filenameWasUsed("demo-1.0-py3-none-any.whl"))
            }
        }
    }

    @Test func migrationsRunOnceAndAreRecorded() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            let versions = IndexMigration.all.map(\.version)
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                #expect(store.appliedAtOpen == versions)
                try await Self.populate(store)
            }
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                #expect(store.appliedAtOpen.isEmpty)
                #expect(try await IndexMigrator.appliedVersions(try #require(store.writer).sql()) == versions)
                #expect(try await store.projects().count == 1)
            }
        }
    }

    @Test func theWriteConnectionUsesWALFullSyncAndForeignKeys() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                #expect(try await store.pragma("journal_mode") == "wal")
                #expect(try await store.pragma("synchronous") == "2")
                #expect(try await store.pragma("foreign_keys") == "1")
                #expect(try await store.pragma("busy_timeout") == "5000")
            }
        }
    }

    @Test func fiftyConcurrentWritersGetStrictlyIncreasingSerials() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                _ = try await store.write { tx in
                    try await tx.createProject(name: "Demo", normalizedName: "demo", created: Self.t0)
                }
                let serials = try await withThrowingTaskGroup(of: Int64.self) { group in
                    for writer in 0..<50 {
                        group.addTask {
                            try await store.write { tx in
                                try await tx.appendJournal(
                                    normalizedName: "demo", projectName: "Demo", version: nil,
                                    action: "touch \(writer)", time: Self.t0, actor: nil)
                            }
                        }
                    }
                    return try await group.reduce(into: [Int64]()) { $0.append($1) }
                }
                #expect(Set(serials).count == 50)
                #expect(serials.sorted() == Array(1...50))
                let journal = try await store.journal(after: 0, limit: 100).map(\.serial)
                #expect(journal == Array(1...50))
                #expect(try await store.project(normalizedName: "demo")?.lastSerial == 50)
            }
        }
    }

    @Test func aFailedTransactionLeavesNothingAfterReopening() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                try await Self.populate(store)
                await #expect(throws: IndexStoreError.conflict(.digest(String(repeating: "1", count: 32)))) {
                    try await store.write { tx in
                        let project = try await tx.createProject(
                            name: "Other", normalizedName: "other", created: Self.t0)
                        let release = try await tx.createRelease(
                            projectID: project.id, version: "2.0", canonicalVersion: "2", metadata: ReleaseMetadata(),
                            created: Self.t0, uploader: nil)
                        _ = try await tx.appendJournal(
                            normalizedName: "other", projectName: "Other", version: nil, action: "create",
                            time: Self.t0, actor: nil)
                        _ = try await tx.addFile(Self.wheel("other-2.0-py3-none-any.whl", seed: "1"), to: release.id)
                    }
                }
            }
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                #expect(try await store.projects().map(\.normalizedName) == ["demo"])
                #expect(try await store.maxSerial() == 1)
                #expect(try await !store.filenameWasUsed("other-2.0-py3-none-any.whl"))
                let serial = try await store.write { tx in
                    try await tx.appendJournal(
                        normalizedName: "demo", projectName: "Demo", version: nil, action: "touch", time: Self.t0,
                        actor: nil)
                }
                #expect(serial == 2)
            }
        }
    }
}
