import IndexCore
import IndexTesting
import SQLKit
import Testing

@testable import IndexSQL

@Suite struct SQLiteIndexStoreIsolationTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    @Test func readsOutsideAWriteSeeOnlyCommittedRows() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let seenDuring = try await store.write { tx in
                    _ = try await tx.createProject(name: "Demo", normalizedName: "demo", created: Self.t0)
                    return try await store.project(normalizedName: "demo")
                }
                #expect(seenDuring == nil)
                #expect(try await store.project(normalizedName: "demo") != nil)
            }
        }
    }

    @Test func anInMemoryStoreCanBeReadFromInsideAWrite() async throws {
        try await TemporaryDirectory.withStore(.memory) { store async throws in
            let count = try await store.write { tx in
                _ = try await tx.createProject(name: "Demo", normalizedName: "demo", created: Self.t0)
                return try await store.projects().count
            }
            #expect(count == 1)
        }
    }

    @Test func aTransactionHandleStopsWorkingWhenItsWriteEnds() async throws {
        try await TemporaryDirectory.withStore(.memory) { store async throws in
            let leaked = try await store.write { tx in tx }
            await #expect(throws: IndexStoreError.unavailable("The transaction has ended.")) {
                _ = try await leaked.createProject(name: "Late", normalizedName: "late", created: Self.t0)
            }
            #expect(try await store.projects().isEmpty)
        }
    }

    @Test func uniqueViolationsNameTheirColumns() async throws {
        try await TemporaryDirectory.withStore(.memory) { store async throws in
            let columns = try await store.write { _ in
                let db = try #require(store.writer).sql()
                try await db.insert(into: "filename_registry").columns("filename").values("x.whl").run()
                do {
                    try await db.insert(into: "filename_registry").columns("filename").values("x.whl").run()
                    return nil as String?
                } catch {
                    return SQLiteDialectSpecifics.uniqueViolation(error)
                }
            }
            #expect(columns == "filename_registry.filename")
        }
    }

    @Test func deletingAReleaseCascadesToItsFilesButKeepsTheirNames() async throws {
        try await TemporaryDirectory.withStore(.memory) { store async throws in
            try await SQLiteIndexStoreTests.populate(store)
            let detail = try #require(try await store.projectDetail(normalizedName: "demo"))
            let release = try #require(detail.releases.first)
            try await store.write { tx in try await tx.deleteRelease(id: release.id) }
            #expect(try await store.file(filename: "demo-1.0-py3-none-any.whl") == nil)
            #expect(try await store.filenameWasUsed("demo-1.0-py3-none-any.whl"))
            #expect(try await store.totalSize(projectID: detail.project.id) == 0)
        }
    }
}
