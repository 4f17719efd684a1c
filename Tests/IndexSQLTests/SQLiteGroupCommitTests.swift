import IndexCore
import IndexTesting
import PythonPackaging
import SQLKit
import Testing

@testable import IndexSQL

/// Group commit on SQLite (``SQLiteGroupCommit``): writes that queue behind a running one share
/// its commit, and each batch member keeps its own outcome. A write is held open on a signal so
/// that the others are known to queue behind it; no timing is involved.
@Suite struct SQLiteGroupCommitTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    struct Refused: Error, Equatable {}

    /// A write that holds the turn until released: `started` says it runs, `release()` ends it.
    final class HeldWrite: Sendable {
        let started: AsyncStream<Void>
        private let startedContinuation: AsyncStream<Void>.Continuation
        private let released: AsyncStream<Void>
        private let releaseContinuation: AsyncStream<Void>.Continuation

        init() {
            (started, startedContinuation) = AsyncStream.makeStream()
            (released, releaseContinuation) = AsyncStream.makeStream()
        }

        /// Creates project `name` and waits for ``release()``.
        func run(_ store: SQLIndexStore, name: String) async throws {
            try await store.write { tx in
                _ = try await tx.createProject(name: name, normalizedName: name, created: SQLiteGroupCommitTests.t0)
                self.startedContinuation.yield()
                for await _ in self.released { break }
            }
        }

        func waitUntilStarted() async {
            for await _ in started { break }
        }

        func release() {
            releaseContinuation.yield()
        }
    }

    static func batches(_ store: SQLIndexStore) throws -> SQLiteGroupCommit {
        try #require((store.dialectConnections as? SQLiteConnections)?.batches)
    }

    /// Runs `held`, then `writes` once each queues behind it, then lets `held` finish; returns
    /// the writes' outcomes in order, and the commits they took.
    static func batch(
        _ store: SQLIndexStore, _ writes: [@Sendable () async throws -> Void]
    ) async throws -> (outcomes: [Result<Void, any Error>], commits: Int) {
        let batches = try Self.batches(store)
        let before = await batches.commits
        let held = HeldWrite()
        let holder = Task { try await held.run(store, name: "held") }
        await held.waitUntilStarted()
        var tasks: [Task<Void, any Error>] = []
        for (index, write) in writes.enumerated() {
            tasks.append(Task { try await write() })
            // In arrival order: each is queued before the next starts.
            while await batches.waitingCount < index + 1 { await Task.yield() }
        }
        held.release()
        var outcomes: [Result<Void, any Error>] = []
        for task in tasks { outcomes.append(await task.result) }
        _ = await holder.result
        return (outcomes, await batches.commits - before)
    }

    static func create(_ store: SQLIndexStore, _ name: String) -> @Sendable () async throws -> Void {
        { _ = try await store.write { try await $0.createProject(name: name, normalizedName: name, created: t0) } }
    }

    @Test func queuedWritesShareOneCommitAndAllLand() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let (outcomes, commits) = try await Self.batch(
                    store, ["a", "b", "c"].map { Self.create(store, $0) })
                #expect(outcomes.allSatisfy { (try? $0.get()) != nil })
                #expect(commits == 1)
            }
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                #expect(try await store.projects().map(\.normalizedName).sorted() == ["a", "b", "c", "held"])
            }
        }
    }

    @Test func aFailingWriteLeavesTheOthersOfItsBatch() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let failing: @Sendable () async throws -> Void = {
                    try await store.write { tx in
                        _ = try await tx.createProject(name: "b", normalizedName: "b", created: Self.t0)
                        throw Refused()
                    }
                }
                let (outcomes, commits) = try await Self.batch(
                    store, [Self.create(store, "a"), failing, Self.create(store, "c")])
                #expect((try? outcomes[0].get()) != nil)
                #expect(throws: Refused()) { try outcomes[1].get() }
                #expect((try? outcomes[2].get()) != nil)
                #expect(commits == 1)
                #expect(try await store.projects().map(\.normalizedName).sorted() == ["a", "c", "held"])
            }
        }
    }

    /// A commit that fails (here a deferred foreign key one member broke) answers every member
    /// with the failure and keeps none of them; the next write works.
    @Test func aFailedCommitFailsItsWholeBatch() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let breaking: @Sendable () async throws -> Void = {
                    try await store.write { _ in
                        let db = try #require(SQLIndexStore.writing?.db)
                        try await db.raw("PRAGMA defer_foreign_keys = ON").run()
                        try await db.raw("INSERT INTO roles (user_id, project_id, kind) VALUES (9999, 9999, 'Owner')")
                            .run()
                    }
                }
                let held = HeldWrite()
                let holder = Task { try await held.run(store, name: "held") }
                await held.waitUntilStarted()
                let batches = try Self.batches(store)
                let first = Task { try await Self.create(store, "a")() }
                while await batches.waitingCount < 1 { await Task.yield() }
                let second = Task { try await breaking() }
                while await batches.waitingCount < 2 { await Task.yield() }
                held.release()
                for outcome in [await holder.result, await first.result, await second.result] {
                    #expect(throws: IndexStoreError.self) { try outcome.get() }
                }
                #expect(try await store.projects().isEmpty)
                try await Self.create(store, "after")()
                #expect(try await store.projects().map(\.normalizedName) == ["after"])
            }
        }
    }

    /// The same filename uploaded twice at once, both past the checks before either commits and
    /// both in one batch: one file is stored, the other upload gets Warehouse's answer.
    @Test func theSameFilenameTwiceInOneBatchStoresOne() async throws {
        try await TemporaryDirectory.withDatabaseFile { path async throws in
            try await TemporaryDirectory.withStore(.file(path: path)) { store async throws in
                let clock = FixedClock()
                let alice = try await store.write { tx in
                    try await tx.createVerifiedUser(username: "alice", email: "a@example.org", created: clock.now())
                }
                let blobs = InMemoryBlobStore()
                let upload = UploadDistribution(store: store, blobs: blobs, clock: clock, descriptions: Renders())
                @Sendable func send(_ builder: DistributionBuilder) async throws {
                    let file = builder.wheel()
                    let (blob, digests) = try await blobs.staged(file.bytes)
                    var form = builder.form()
                    form["sha256_digest"] = [digests.sha256]
                    let content = UploadContent(
                        filename: file.filename, contentType: "application/octet-stream", blob: blob, digests: digests)
                    let request = UploadRequest(form: form, content: content, identity: UploadIdentity(user: alice))
                    _ = try await upload(request)
                }
                var other = DistributionBuilder()
                other.extraHeaders = ["Summary: other"]
                let (outcomes, commits) = try await Self.batch(
                    store, [{ try await send(DistributionBuilder()) }, { [other] in try await send(other) }])
                #expect((try? outcomes[0].get()) != nil)
                let refusal = try #require(outcomes[1].failure as? UploadError)
                #expect(refusal.message.hasPrefix("File already exists"))
                #expect(commits == 1)
                let detail = try #require(try await store.projectDetail(normalizedName: "demo"))
                #expect(detail.files.map(\.upload.filename) == ["demo-1.0-py3-none-any.whl"])
            }
        }
    }

    struct Renders: DescriptionRendering {
        func renders(_ description: String, contentType: String?) -> Bool { true }
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
