import IndexCore
import SQLKit

/// The outbox in the `outbox` table. A claim is one statement that picks the oldest due,
/// unleased row and leases it; on PostgreSQL the pick is `FOR UPDATE SKIP LOCKED`, so nodes
/// claiming at once take different rows without waiting for each other (and without the write
/// lock: the queue never waits for an upload).
extension SQLIndexStore {
    public func enqueue(_ job: Job) async throws {
        try await queueStatement { db in
            try await db.insert(into: "outbox").columns("kind", "payload", "created", "not_before", "attempts")
                .values(
                    job.kind, job.payload, job.created.secondsSinceEpoch, job.notBefore.secondsSinceEpoch, Int64(0)
                )
                .run()
        }
    }

    public func claim(now: Timestamp, lease: Double) async throws -> ClaimedJob? {
        let lock = dialect == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let time = now.secondsSinceEpoch
        return try await queueStatement { db in
            try await db.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: time + lease), attempts = attempts + 1
                WHERE id = (SELECT id FROM outbox WHERE not_before <= \(bind: time)
                            AND (claimed_until IS NULL OR claimed_until <= \(bind: time))
                            ORDER BY id LIMIT 1\(unsafeRaw: lock))
                RETURNING id, kind, payload, created, not_before, attempts
                """
            ).first().map { row in
                ClaimedJob(
                    id: try row.decode(column: "id", as: Int64.self),
                    job: Job(
                        kind: try row.decode(column: "kind", as: String.self),
                        payload: try row.decode(column: "payload", as: String.self),
                        created: try IndexRowDecoding.timestamp(row, "created"),
                        notBefore: try IndexRowDecoding.timestamp(row, "not_before")),
                    attempts: try row.decode(column: "attempts", as: Int.self))
            }
        }
    }

    public func complete(_ id: Int64) async throws {
        try await queueStatement { db in try await db.delete(from: "outbox").where("id", .equal, id).run() }
    }

    public func fail(_ id: Int64, error: String, retryAt: Timestamp?) async throws {
        try await queueStatement { db in
            try await db.update("outbox")
                .set("claimed_until", to: SQLLiteral.null)
                .set(
                    "not_before",
                    to: retryAt.map { SQLBind($0.secondsSinceEpoch) as any SQLExpression } ?? SQLLiteral.null
                )
                .set("last_error", to: String(error.prefix(2000)))
                .where("id", .equal, id).run()
        }
    }

    public func pendingJobs() async throws -> Int {
        try await read { queries in
            try await queries.db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("outbox")
                .where("not_before", .isNot, SQLLiteral.null).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    public func oldestPendingJob() async throws -> Timestamp? {
        try await read { queries in
            try await queries.db.select().column(SQLFunction("min", args: SQLColumn("created")), as: "oldest")
                .from("outbox").where("not_before", .isNot, SQLLiteral.null)
                .first(decodingColumn: "oldest", as: Double?.self)?.map(Timestamp.init(secondsSinceEpoch:))
        }
    }

    /// Runs one autocommitted queue statement: inside a write's body on its transaction (the
    /// job commits with what the write did), else on the write connection without the lock.
    func queueStatement<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if let writing = Self.writing, writing.store == ObjectIdentifier(self) {
            do { return try await body(writing.db) } catch { throw connections.translate(error) }
        }
        return try await connections.write(body)
    }
}
