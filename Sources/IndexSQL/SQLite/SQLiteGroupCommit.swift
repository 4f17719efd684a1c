import IndexCore
import SQLKit

/// SQLite write transactions that share one commit (group commit): while a batch commits
/// (an fsync of the WAL, the slow part of a small write), the transactions that arrive queue;
/// the next batch runs them one after another, each in its own savepoint, inside one
/// `BEGIN IMMEDIATE` ... `COMMIT`.
///
/// Each caller returns only after its batch ended: a write is acknowledged once the commit that
/// made it durable (`synchronous = FULL`) returned, so nothing acknowledged is lost. A body that
/// throws is rolled back to its savepoint alone and its caller gets its error; the others of the
/// batch commit. A failed commit, or a transaction that SQLite gave up on, fails every write of
/// its batch and keeps none of them. Writes still run one at a time, in arrival order, and each
/// sees what the writes before it did (through its transaction; a read through the store from
/// inside a body sees what was committed before the batch began). The batch holds the write
/// connection's ``SerialGate`` from `BEGIN` to `COMMIT`, so statements outside transactions wait
/// for it.
actor SQLiteGroupCommit {
    /// The most transactions one commit covers.
    static let maximumBatch = 64

    private let gate: SerialGate
    /// Whether a caller holds the turn (runs its body, begins or commits a batch).
    private var holding = false
    /// The callers waiting for the turn, in arrival order.
    private var queue: [CheckedContinuation<Void, Never>] = []
    /// Whether a transaction is open that the next turn joins.
    private var open = false
    /// The transactions the open batch has run.
    private var members = 0
    /// The batch's callers waiting for its commit (`nil`: committed).
    private var committing: [CheckedContinuation<(any Error)?, Never>] = []

    /// The batches committed so far (for tests and diagnostics).
    private(set) var commits = 0
    /// How many callers wait for the turn (for tests).
    var waitingCount: Int { queue.count }

    init(gate: SerialGate) {
        self.gate = gate
    }

    /// Runs `body` in a savepoint of the current batch on `db` (the write connection); returns
    /// its result once the batch committed.
    nonisolated func run<T: Sendable>(
        on db: any SQLDatabase, begin: [String], _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        if await !arrive() {
            await gate.enter()
            do {
                for statement in begin { try await db.raw(SQLQueryString(statement)).run() }
            } catch {
                await abandon(db, error)
                throw error
            }
            await opened()
        }
        do {
            try await db.raw("SAVEPOINT batch_member").run()
        } catch {
            await abandon(db, error)
            throw error
        }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(db))
        } catch {
            outcome = .failure(error)
        }
        let succeeded = (try? outcome.map { _ in true }.get()) ?? false
        do {
            if !succeeded { try await db.raw("ROLLBACK TO batch_member").run() }
            try await db.raw("RELEASE batch_member").run()
        } catch {
            // SQLite rolled the whole transaction back (a full disk, an I/O error): the
            // batch's earlier writes are gone too.
            await abandon(db, error)
            if succeeded { throw error }
            return try outcome.get()
        }
        switch await handOn() {
        case .committed(let failure):
            if let failure, succeeded { throw failure }
            return try outcome.get()
        case .commit:
            let failure: (any Error)?
            do {
                try await db.raw("COMMIT").run()
                failure = nil
            } catch {
                try? await db.raw("ROLLBACK").run()
                failure = error
            }
            await gate.leave()
            await end(failing: failure)
            if let failure, succeeded { throw failure }
            return try outcome.get()
        }
    }

    /// Rolls the open transaction back, lets go of the gate and fails the batch's waiting
    /// callers with `error`.
    private nonisolated func abandon(_ db: any SQLDatabase, _ error: any Error) async {
        try? await db.raw("ROLLBACK").run()
        await gate.leave()
        await end(failing: error)
    }

    /// Waits for the turn; returns whether it joins an open transaction.
    private func arrive() async -> Bool {
        if holding {
            await withCheckedContinuation { queue.append($0) }
        } else {
            holding = true
        }
        if open { members += 1 }
        return open
    }

    /// Notes that the turn's holder began a transaction.
    private func opened() {
        open = true
        members = 1
    }

    private enum HandOn {
        /// The batch ended: committed (`nil`) or failed.
        case committed((any Error)?)
        /// This caller commits the batch.
        case commit
    }

    /// After a body: hands the turn to the next caller, which joins the batch, and waits for
    /// the batch to end; or (when none waits, or the batch is full) closes the batch for this
    /// caller to commit. A caller whose body failed waits too, so that what it does next sees
    /// the batch's writes (an upload that lost a race re-checks against the winner).
    private func handOn() async -> HandOn {
        guard !queue.isEmpty, members < Self.maximumBatch else {
            open = false
            return .commit
        }
        let failure = await withCheckedContinuation { continuation in
            committing.append(continuation)
            queue.removeFirst().resume()
        }
        return .committed(failure)
    }

    /// Ends a batch: answers its waiting callers (`failure`, or `nil` when it committed) and
    /// gives the turn to the next caller, which begins a new batch.
    private func end(failing failure: (any Error)?) {
        for continuation in committing { continuation.resume(returning: failure) }
        committing.removeAll()
        if failure == nil { commits += 1 }
        open = false
        members = 0
        if queue.isEmpty {
            holding = false
        } else {
            queue.removeFirst().resume()
        }
    }
}
