import Foundation
import IndexCore
import SQLKit

/// The reports queue and the audit log, read on SQLKit.
extension IndexQueries {
    func observations(open: Bool?, limit: Int) async throws -> [Observation] {
        var query = db.select().column("*").from("observations")
        switch open {
        case true?: query = query.where("resolution", .is, SQLLiteral.null)
        case false?: query = query.where("resolution", .isNot, SQLLiteral.null)
        case nil: break
        }
        return try await query.orderBy("id", .descending).limit(max(0, limit)).all()
            .map(ModerationRowDecoding.observation)
    }

    func observation(id: Int64) async throws -> Observation? {
        try await db.select().column("*").from("observations").where("id", .equal, id).first()
            .map(ModerationRowDecoding.observation)
    }

    func observations(project: String, limit: Int) async throws -> [Observation] {
        try await db.select().column("*").from("observations").where("project", .equal, project)
            .orderBy("id", .descending).limit(max(0, limit)).all().map(ModerationRowDecoding.observation)
    }

    func adminLog(limit: Int) async throws -> [AdminLogEntry] {
        try await db.select().column("*").from("admin_log").orderBy("id", .descending).limit(max(0, limit)).all()
            .map(ModerationRowDecoding.adminLogEntry)
    }

    func staff() async throws -> [User] {
        try await db.select().column("*").from("users").where("site_role", .notEqual, "").orderBy("username").all()
            .map(IndexRowDecoding.user)
    }
}

/// The reports queue and the audit log, written on SQLKit inside the store's transaction.
extension IndexWrites {
    func addObservation(_ observation: Observation) async throws -> Int64 {
        let id = try await db.insert(into: "observations")
            .columns(
                "project", "project_name", "kind", "summary", "inspector_url", "reporter_id", "reporter", "created",
                "resolution", "resolved_by", "resolved"
            )
            .values(
                observation.project, observation.projectName, observation.kind.rawValue, observation.summary,
                observation.inspectorURL, observation.reporterID?.rawValue, observation.reporter,
                observation.created.secondsSinceEpoch, observation.resolution?.rawValue, observation.resolvedBy,
                observation.resolved?.secondsSinceEpoch
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw IndexStoreError.unavailable("The new report has no id.") }
        return id
    }

    func resolveObservation(id: Int64, resolution: ObservationResolution, by username: String, at time: Timestamp)
        async throws
    {
        try await update("observations", id: id, what: "report \(id)") {
            $0.set("resolution", to: resolution.rawValue).set("resolved_by", to: username)
                .set("resolved", to: time.secondsSinceEpoch)
        }
    }

    func appendAdminLog(_ entry: AdminLogEntry) async throws {
        try await db.insert(into: "admin_log").columns("time", "actor", "action", "target", "details")
            .values(
                entry.time.secondsSinceEpoch, entry.actor, entry.action, entry.target,
                try ReleaseMetadataColumns.json(entry.details)
            )
            .run()
    }
}

/// Rows of the moderation tables as domain values.
enum ModerationRowDecoding {
    static func observation(_ row: any SQLRow) throws -> Observation {
        Observation(
            id: try row.decode(column: "id", as: Int64.self),
            project: try row.decode(column: "project", as: String.self),
            projectName: try row.decode(column: "project_name", as: String.self),
            kind: ObservationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .somethingElse,
            summary: try row.decode(column: "summary", as: String.self),
            inspectorURL: try row.decode(column: "inspector_url", as: String.self),
            reporterID: try row.decode(column: "reporter_id", as: Int64?.self).map(UserID.init),
            reporter: try row.decode(column: "reporter", as: String.self),
            created: try IndexRowDecoding.timestamp(row, "created"),
            resolution: try row.decode(column: "resolution", as: String?.self).flatMap(ObservationResolution.init),
            resolvedBy: try row.decode(column: "resolved_by", as: String.self),
            resolved: try IndexRowDecoding.optionalTimestamp(row, "resolved"))
    }

    static func adminLogEntry(_ row: any SQLRow) throws -> AdminLogEntry {
        AdminLogEntry(
            id: try row.decode(column: "id", as: Int64.self),
            time: try IndexRowDecoding.timestamp(row, "time"),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            target: try row.decode(column: "target", as: String.self),
            details: try JSONDecoder().decode(
                [String: String].self, from: Data(row.decode(column: "details", as: String.self).utf8)))
    }
}
