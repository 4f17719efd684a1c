import IndexCore
import PythonPackaging
import SQLKit

/// Turns rows of the index tables into domain records.
enum IndexRowDecoding {
    static func timestamp(_ row: any SQLRow, _ column: String) throws -> Timestamp {
        Timestamp(secondsSinceEpoch: try row.decode(column: column, as: Double.self))
    }

    static func optionalTimestamp(_ row: any SQLRow, _ column: String) throws -> Timestamp? {
        try row.decode(column: column, as: Double?.self).map { Timestamp(secondsSinceEpoch: $0) }
    }

    static func project(_ row: any SQLRow) throws -> Project {
        let status = try row.decode(column: "status", as: String.self)
        guard let parsed = ProjectStatus(rawValue: status) else {
            throw IndexStoreError.unavailable("Unknown project status \(status) in the database.")
        }
        return Project(
            id: ProjectID(try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            normalizedName: try row.decode(column: "normalized_name", as: String.self),
            status: parsed,
            lastSerial: try row.decode(column: "last_serial", as: Int64.self),
            created: try timestamp(row, "created"))
    }

    static func release(_ row: any SQLRow) throws -> Release {
        Release(
            id: ReleaseID(try row.decode(column: "id", as: Int64.self)),
            projectID: ProjectID(try row.decode(column: "project_id", as: Int64.self)),
            version: try row.decode(column: "version", as: String.self),
            canonicalVersion: try row.decode(column: "canonical_version", as: String.self),
            yanked: try row.decode(column: "yanked", as: Int.self) != 0,
            yankedReason: try row.decode(column: "yanked_reason", as: String.self),
            metadata: try ReleaseMetadataColumns.decode(row),
            created: try timestamp(row, "created"),
            uploader: try row.decode(column: "uploader", as: Int64?.self).map(UserID.init))
    }

    static func file(_ row: any SQLRow) throws -> DistributionFile {
        let type = try row.decode(column: "package_type", as: String.self)
        guard let packageType = UploadFiletype(rawValue: type) else {
            throw IndexStoreError.unavailable("Unknown package type \(type) in the database.")
        }
        let metadataSHA256 = try row.decode(column: "metadata_sha256", as: String?.self)
        let metadataBLAKE2b = try row.decode(column: "metadata_blake2b256", as: String?.self)
        let upload = FileUpload(
            filename: try row.decode(column: "filename", as: String.self),
            packageType: packageType,
            pythonVersion: try row.decode(column: "python_version", as: String.self),
            requiresPython: try row.decode(column: "requires_python", as: String?.self),
            size: try row.decode(column: "size", as: Int.self),
            digests: DistributionDigests(
                md5: try row.decode(column: "md5", as: String.self),
                sha256: try row.decode(column: "sha256", as: String.self),
                blake2b256: try row.decode(column: "blake2b256", as: String.self)),
            blobPath: try row.decode(column: "blob_path", as: String.self),
            metadataDigests: metadataSHA256.flatMap { sha256 in
                metadataBLAKE2b.map { MetadataFileDigests(sha256: sha256, blake2b256: $0) }
            },
            uploadTime: try timestamp(row, "upload_time"),
            uploader: try row.decode(column: "uploader", as: Int64?.self).map(UserID.init))
        return DistributionFile(
            id: FileID(try row.decode(column: "id", as: Int64.self)),
            releaseID: ReleaseID(try row.decode(column: "release_id", as: Int64.self)), upload: upload)
    }

    static func user(_ row: any SQLRow) throws -> User {
        let origin = try row.decode(column: "origin", as: String.self)
        return User(
            id: UserID(try row.decode(column: "id", as: Int64.self)),
            username: try row.decode(column: "username", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            created: try timestamp(row, "created"),
            emailVerified: try row.decode(column: "email_verified", as: Int.self) != 0,
            origin: AccountOrigin(rawValue: origin) ?? .administrator,
            totpSecret: try row.decode(column: "totp_secret", as: String?.self),
            totpLastCounter: try row.decode(column: "totp_last_counter", as: Int64?.self),
            passwordChanged: try timestamp(row, "password_changed"),
            isFrozen: try row.decode(column: "is_frozen", as: Int.self) != 0,
            siteRole: SiteRole(rawValue: try row.decode(column: "site_role", as: String.self)) ?? .none)
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        APIToken(
            id: TokenID(try row.decode(column: "id", as: String.self)),
            userID: try row.decode(column: "user_id", as: Int64?.self).map(UserID.init),
            publisherID: try row.decode(column: "publisher_id", as: String?.self),
            description: try row.decode(column: "description", as: String.self),
            rootKey: try row.decode(column: "root_key", as: String.self),
            projects: try ReleaseMetadataColumns.parse(row.decode(column: "projects", as: String.self)),
            expires: try optionalTimestamp(row, "expires"),
            created: try timestamp(row, "created"),
            lastUsed: try optionalTimestamp(row, "last_used"))
    }

    static func role(_ row: any SQLRow) throws -> Role {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let parsed = RoleKind(rawValue: kind) else {
            throw IndexStoreError.unavailable("Unknown role \(kind) in the database.")
        }
        return Role(
            userID: UserID(try row.decode(column: "user_id", as: Int64.self)),
            projectID: ProjectID(try row.decode(column: "project_id", as: Int64.self)), kind: parsed)
    }

    static func journalEntry(_ row: any SQLRow) throws -> JournalEntry {
        JournalEntry(
            serial: try row.decode(column: "id", as: Int64.self),
            projectName: try row.decode(column: "project_name", as: String.self),
            version: try row.decode(column: "version", as: String?.self),
            action: try row.decode(column: "action", as: String.self),
            time: try timestamp(row, "time"),
            actor: try row.decode(column: "actor", as: String?.self))
    }
}
