import Foundation
import IndexCore
import PythonPackaging
import SQLKit
import SQLiteKit
import Testing

@testable import IndexSQL
@testable import IndexTesting

@Suite struct MetadataSnapshotBuilderTests {
    typealias Contract = IndexStoreContract

    /// Every row of the published snapshot, table by table, as text.
    static func rows(_ path: String) async throws -> [String] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        defer { _ = connection.close() }
        var rows: [String] = []
        for (table, order) in [("projects", "name"), ("releases", "project, version"), ("files", "filename")] {
            let query = "SELECT * FROM \(table) ORDER BY \(order)"
            for row in try await connection.sql().raw(SQLQueryString(query)).all() {
                let values = row.allColumns.map { column -> String in
                    if let text = try? row.decode(column: column, as: String?.self) { return text ?? "NULL" }
                    return (try? row.decode(column: column, as: Int.self)).map(String.init) ?? "?"
                }
                rows.append("\(table): " + values.joined(separator: "|"))
            }
        }
        return rows
    }

    /// A full build of `store` in a fresh directory.
    static func fullBuild(_ store: any IndexStore, in directory: String) async throws -> [String] {
        let builder = try MetadataSnapshotBuilder(
            directory: directory + "/full-\(UUID().uuidString)", store: store, urls: IndexURLs(base: ""))
        let published = try #require(try await builder.refresh())
        return try await rows(published.path)
    }

    static func journal(_ tx: any IndexWriteTransaction, _ name: String, _ action: String) async throws {
        _ = try await tx.appendJournal(
            normalizedName: ProjectName.normalize(name), projectName: name, version: nil, action: action,
            time: Contract.t0, actor: nil)
    }

    @Test func incrementalRefreshesEqualAFullBuildAndPublishImmutableCopies() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = InMemoryIndexStore()
        let (demo, first) = try await Contract.projectWithRelease(store, name: "Demo", version: "1.0")
        try await store.write { tx in
            _ = try await tx.addFile(Contract.upload("demo-1.0-py3-none-any.whl", seed: 1), to: first.id)
            _ = try await tx.addFile(Contract.upload("demo-1.0.tar.gz", seed: 2, type: .sdist), to: first.id)
            try await Self.journal(tx, "Demo", "new release")
        }
        let builder = try MetadataSnapshotBuilder(
            directory: directory + "/live", store: store, urls: IndexURLs(base: ""))
        let one = try #require(try await builder.refresh())
        let firstRows = try await Self.rows(one.path)
        #expect(firstRows.filter { $0.hasPrefix("files:") }.count == 2)
        #expect(firstRows == (try await Self.fullBuild(store, in: directory)))
        #expect(try await builder.refresh() == nil, "nothing changed: nothing published")

        let (other, _) = try await Contract.projectWithRelease(store, name: "Other", version: "0.1")
        try await store.write { tx in
            let second = try await tx.createRelease(
                projectID: demo.id, version: "2.0", canonicalVersion: "2", metadata: ReleaseMetadata(),
                created: Contract.t0, uploader: nil)
            _ = try await tx.addFile(Contract.upload("demo-2.0-py3-none-any.whl", seed: 3), to: second.id)
            try await tx.yankRelease(id: first.id, reason: "broken")
            try await Self.journal(tx, "Demo", "yank release")
            try await Self.journal(tx, "Other", "create")
        }
        let two = try #require(try await builder.refresh())
        #expect(two.serial > one.serial && two.path != one.path)
        let secondRows = try await Self.rows(two.path)
        #expect(secondRows == (try await Self.fullBuild(store, in: directory)))
        #expect(secondRows.contains { $0.hasPrefix("files: demo-1.0.tar.gz|") && $0.hasSuffix("|broken") })
        #expect(try await Self.rows(one.path) == firstRows, "a published copy never changes")

        try await store.write { tx in
            try await tx.deleteProject(id: other.id)
            try await Self.journal(tx, "Other", "remove project")
        }
        let three = try #require(try await builder.refresh())
        let thirdRows = try await Self.rows(three.path)
        #expect(thirdRows == (try await Self.fullBuild(store, in: directory)))
        #expect(!thirdRows.contains { $0.contains("other") })
        #expect(!FileManager.default.fileExists(atPath: one.path), "copies older than the previous one are removed")

        let reopened = try MetadataSnapshotBuilder(
            directory: directory + "/live", store: store, urls: IndexURLs(base: ""))
        #expect(await reopened.published == three, "a restart serves the newest copy")
    }
}
