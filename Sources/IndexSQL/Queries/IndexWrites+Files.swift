import IndexCore
import PythonPackaging
import SQLKit

extension IndexWrites {
    /// Adds a file and registers its filename, after checking the contract's rules in its order.
    func addFile(_ upload: FileUpload, to releaseID: ReleaseID) async throws -> DistributionFile {
        guard try await exists("releases", releaseID.rawValue) else {
            throw IndexStoreError.notFound("release \(releaseID)")
        }
        if let conflict = try await firstConflict(upload, releaseID: releaseID) {
            throw IndexStoreError.conflict(conflict)
        }
        return try await insertFile(upload, to: releaseID)
    }

    /// Inserts the file and its registry row, relying on the schema alone for uniqueness (a
    /// violation still ends as the matching ``IndexStoreConflict``).
    func insertFile(_ upload: FileUpload, to releaseID: ReleaseID) async throws -> DistributionFile {
        let id = try await mapping(byColumns: conflicts(upload)) {
            let id = try await db.insert(into: "files")
                .columns(
                    "release_id", "filename", "package_type", "python_version", "requires_python", "size", "md5",
                    "sha256", "blake2b256", "blob_path", "metadata_sha256", "metadata_blake2b256", "upload_time",
                    "uploader"
                )
                .values(
                    releaseID.rawValue, upload.filename, upload.packageType.rawValue, upload.pythonVersion,
                    upload.requiresPython, Int64(upload.size), upload.digests.md5, upload.digests.sha256,
                    upload.digests.blake2b256, upload.blobPath, upload.metadataDigests?.sha256,
                    upload.metadataDigests?.blake2b256, upload.uploadTime.secondsSinceEpoch, upload.uploader?.rawValue
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            try await db.insert(into: "filename_registry").columns("filename").values(upload.filename).run()
            return id
        }
        guard let id else { throw IndexStoreError.unavailable("The new file has no id.") }
        return DistributionFile(id: FileID(id), releaseID: releaseID, upload: upload)
    }

    /// The first rule `upload` would break: filename, registered filename, digests and blob
    /// path (md5, sha256, blake2b-256, path), one sdist per release.
    private func firstConflict(_ upload: FileUpload, releaseID: ReleaseID) async throws -> IndexStoreConflict? {
        let clashes = try await db.select().column("*").from("files")
            .where("filename", .equal, upload.filename)
            .orWhere("md5", .equal, upload.digests.md5)
            .orWhere("sha256", .equal, upload.digests.sha256)
            .orWhere("blake2b256", .equal, upload.digests.blake2b256)
            .orWhere("blob_path", .equal, upload.blobPath)
            .orWhere(group: { group in
                group.where("release_id", .equal, releaseID.rawValue)
                    .where("package_type", .equal, UploadFiletype.sdist.rawValue)
            })
            .all().map(IndexRowDecoding.file)
        if clashes.contains(where: { $0.filename == upload.filename }) { return .filename(upload.filename) }
        if try await queries.filenameWasUsed(upload.filename) { return .filenameRegistered(upload.filename) }
        for file in clashes {
            let other = file.upload
            for (mine, theirs) in [
                (upload.digests.md5, other.digests.md5), (upload.digests.sha256, other.digests.sha256),
                (upload.digests.blake2b256, other.digests.blake2b256), (upload.blobPath, other.blobPath),
            ] where mine == theirs {
                return .digest(mine)
            }
        }
        if upload.packageType == .sdist, clashes.contains(where: { $0.releaseID == releaseID }) {
            return .sdistPerRelease
        }
        return nil
    }

    /// The conflict a unique violation on each `table.column` stands for.
    private func conflicts(_ upload: FileUpload) -> [(String, IndexStoreConflict)] {
        [
            ("filename_registry.filename", .filenameRegistered(upload.filename)),
            ("files.filename", .filename(upload.filename)),
            ("files.md5", .digest(upload.digests.md5)),
            ("files.sha256", .digest(upload.digests.sha256)),
            ("files.blake2b256", .digest(upload.digests.blake2b256)),
            ("files.blob_path", .digest(upload.blobPath)),
            ("files.release_id", .sdistPerRelease),
        ]
    }
}
