import Dispatch
import IndexCore
import IndexTesting
import SQLKit
import SQLiteNIO
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

    /// A read beside a long one (a `/simple/` render) sees the newest commit. SQLite keeps a
    /// connection's read transaction open while any statement of it runs; with one shared read
    /// connection, this read saw the long read's older snapshot and missed the new project (an
    /// upload's re-check was then refused "conflicts with an existing project").
    @Test func aReadBesideALongReadSeesTheNewestCommit() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                _ = try await store.write {
                    try await $0.createProject(name: "A", normalizedName: "a", created: Self.t0)
                }
                let readers = try #require((store.dialectConnections as? SQLiteConnections)?.readers)
                let started = DispatchSemaphore(value: 0)
                let release = DispatchSemaphore(value: 0)
                // Holds its statement open (and with it its snapshot) until released.
                let long = Task {
                    try await readers.reading { connection in
                        try await connection.query("SELECT name FROM projects", []) { _ in
                            started.signal()
                            release.wait()
                        }
                    }
                }
                await Task.detached { started.wait() }.value
                _ = try await store.write {
                    try await $0.createProject(name: "B", normalizedName: "b", created: Self.t0)
                }
                let seen = try await store.project(normalizedName: "b")
                release.signal()
                try await long.value
                #expect(seen != nil, "the read beside the long one saw the new project")
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
