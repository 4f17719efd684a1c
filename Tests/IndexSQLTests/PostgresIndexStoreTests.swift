import IndexCore
import IndexTesting
import SQLKit
import Synchronization
import Testing

@testable import IndexSQL

/// PostgreSQL as many nodes use it: several stores (one per node) on one database.
@Suite(.enabled(if: PostgresTestDatabase.available, "CHEESESHOP_TEST_POSTGRES_URL names no server"))
struct PostgresIndexStoreTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    /// Opens `count` stores on `location` at once, runs `body`, closes them.
    static func withNodes<T>(
        _ count: Int, on location: PostgresLocation, _ body: ([SQLIndexStore]) async throws -> T
    ) async throws -> T {
        let stores = try await withThrowingTaskGroup(of: SQLIndexStore.self) { group in
            for _ in 0..<count { group.addTask { try await SQLIndexStore.open(.postgres(location)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        do {
            let result = try await body(stores)
            for store in stores { try await store.close() }
            return result
        } catch {
            for store in stores { try? await store.close() }
            throw error
        }
    }

    @Test func nodesStartingTogetherMigrateOnce() async throws {
        try await PostgresTestDatabase.withDatabase { location async throws in
            try await Self.withNodes(4, on: location) { stores async throws in
                let applied = stores.map(\.appliedAtOpen).filter { !$0.isEmpty }
                #expect(applied == [IndexMigration.all.map(\.version)])
                #expect(try await stores[0].appliedMigrations() == IndexMigration.all.map(\.version))
            }
        }
    }

    /// A mirror follows the journal by serial: entries committed by two nodes at once must
    /// appear in serial order, or a reader that saw serial n+1 would never see n.
    @Test func aJournalReaderAcrossNodesNeverMissesASerial() async throws {
        try await PostgresTestDatabase.withDatabase { location async throws in
            try await Self.withNodes(3, on: location) { stores async throws in
                let done = Atomic(false)
                async let seen: [Int64] = {
                    var seen: [Int64] = []
                    while true {
                        let finished = done.load(ordering: .acquiring)
                        let entries = try await stores[2].journal(after: seen.last ?? 0, limit: 1000)
                        seen += entries.map(\.serial)
                        if finished && entries.isEmpty { return seen }
                    }
                }()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<40 {
                        let store = stores[index % 2]
                        group.addTask {
                            _ = try await store.write { tx in
                                let name = "project-\(index)"
                                _ = try await tx.createProject(name: name, normalizedName: name, created: Self.t0)
                                return try await tx.appendJournal(
                                    normalizedName: name, projectName: name, version: nil, action: "create",
                                    time: Self.t0, actor: nil)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                done.store(true, ordering: .releasing)
                let serials = try await seen
                #expect(serials.count == 40)
                #expect(serials == serials.sorted() && Set(serials).count == 40)
                #expect(try await stores[0].maxSerial() == serials.last)
            }
        }
    }

    @Test func aNewerSchemaIsRefusedAndAMissingStepCanBeRequired() async throws {
        try await PostgresTestDatabase.withDatabase { location async throws in
            try await Self.withNodes(1, on: location) { stores async throws in
                try await stores[0].write { _ in
                    try await #require(Self.writingDatabase()).insert(into: "schema_migrations")
                        .columns("version", "name").values(999, "from the future").run()
                }
            }
            await #expect(throws: IndexStoreError.self) { try await SQLIndexStore.open(.postgres(location)) }
        }
        try await PostgresTestDatabase.withDatabase { location async throws in
            do {
                _ = try await SQLIndexStore.open(.postgres(location), migration: .require)
                Issue.record("an empty database was accepted without migrating")
            } catch let error as IndexStoreError {
                #expect("\(error)".contains("cheeseshop migrate"))
            }
        }
    }

    @Test func uniqueViolationsNameTheirColumns() async throws {
        try await PostgresTestDatabase.withStore { store async throws in
            let project = try await store.write { tx in
                try await tx.createProject(name: "Demo", normalizedName: "demo", created: Self.t0)
            }
            func violation(_ insert: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> String?
            {
                try await store.connections.read { db in
                    try await insert(db)
                    do {
                        try await insert(db)
                        return nil
                    } catch {
                        return PostgresDialectSpecifics.uniqueViolation(error)
                    }
                }
            }
            #expect(
                try await violation {
                    try await $0.insert(into: "filename_registry").columns("filename").values("x.whl").run()
                }
                    == "filename_registry.filename")
            #expect(
                try await violation {
                    try await $0.insert(into: "download_counts").columns("project_id", "day", "count")
                        .values(project.id.rawValue, 7, 1).run()
                } == "download_counts.project_id, download_counts.day")
        }
    }

    static func writingDatabase() -> (any SQLDatabase)? { SQLIndexStore.writing?.db }
}
