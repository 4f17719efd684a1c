import Foundation
import IndexCore
import SQLKit

/// Turns rows of the account tables into domain records.
enum AccountRowDecoding {
    static func session(_ row: any SQLRow) throws -> WebSession {
        WebSession(
            idDigest: try row.decode(column: "id_digest", as: String.self),
            userID: UserID(try row.decode(column: "user_id", as: Int64.self)),
            created: try IndexRowDecoding.timestamp(row, "created"),
            expires: try IndexRowDecoding.timestamp(row, "expires"),
            authenticated: try IndexRowDecoding.timestamp(row, "authenticated"),
            awaitingSecondFactor: try row.decode(column: "awaiting_second_factor", as: Int.self) != 0,
            csrfToken: try row.decode(column: "csrf_token", as: String.self))
    }

    static func recoveryCode(_ row: any SQLRow) throws -> RecoveryCode {
        RecoveryCode(
            id: try row.decode(column: "id", as: Int64.self),
            userID: UserID(try row.decode(column: "user_id", as: Int64.self)),
            hash: try row.decode(column: "hash", as: String.self),
            burned: try IndexRowDecoding.optionalTimestamp(row, "burned"))
    }

    static func event(_ row: any SQLRow) throws -> SecurityEvent {
        let details = try JSONDecoder().decode(
            [String: String].self, from: Data(row.decode(column: "details", as: String.self).utf8))
        return SecurityEvent(
            id: try row.decode(column: "id", as: Int64.self),
            userID: try row.decode(column: "user_id", as: Int64?.self).map(UserID.init),
            project: try row.decode(column: "project", as: String?.self),
            tag: try row.decode(column: "tag", as: String.self),
            time: try IndexRowDecoding.timestamp(row, "time"),
            ip: try row.decode(column: "ip", as: String.self),
            details: details)
    }

    static func reservedName(_ row: any SQLRow) throws -> ReservedName {
        let reason = try row.decode(column: "reason", as: String.self)
        return ReservedName(
            normalizedName: try row.decode(column: "normalized_name", as: String.self),
            reason: ReservedName.Reason(rawValue: reason) ?? .prohibited,
            until: try IndexRowDecoding.optionalTimestamp(row, "until"),
            comment: try row.decode(column: "comment", as: String.self),
            created: try IndexRowDecoding.timestamp(row, "created"),
            formerOwners: try JSONDecoder().decode(
                [Int64].self, from: Data(row.decode(column: "former_owners", as: String.self).utf8)
            ).map(UserID.init))
    }

    static func publisher(_ row: any SQLRow) throws -> StoredPublisher {
        StoredPublisher(
            id: try row.decode(column: "id", as: String.self),
            issuer: try row.decode(column: "issuer", as: String.self),
            projectID: try row.decode(column: "project_id", as: Int64?.self).map(ProjectID.init),
            pendingProjectName: try row.decode(column: "pending_project_name", as: String?.self),
            addedBy: UserID(try row.decode(column: "added_by", as: Int64.self)),
            definition: try row.decode(column: "definition", as: String.self),
            created: try IndexRowDecoding.timestamp(row, "created"))
    }

    static func invitation(_ row: any SQLRow) throws -> RoleInvitation {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let parsed = RoleKind(rawValue: kind) else {
            throw IndexStoreError.unavailable("Unknown role \(kind) in the database.")
        }
        return RoleInvitation(
            projectID: ProjectID(try row.decode(column: "project_id", as: Int64.self)),
            userID: UserID(try row.decode(column: "user_id", as: Int64.self)),
            kind: parsed,
            inviterID: UserID(try row.decode(column: "inviter_id", as: Int64.self)),
            expires: try IndexRowDecoding.timestamp(row, "expires"))
    }
}
