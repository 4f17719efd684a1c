import PythonPackaging

extension UploadDistribution {
    /// Commits the distribution's blob under its content-addressed key, and the PEP 658
    /// metadata file beside it; returns the metadata file's digests.
    func commitBlobs(_ upload: PendingUpload, metadataFile: [UInt8]?) async throws -> MetadataFileDigests? {
        let key = BlobKey(blake2b256: upload.content.digests.blake2b256, filename: upload.filename)
        guard let metadataFile else {
            try await blobs.commit(upload.content.blob, as: key)
            return nil
        }
        let staged = try await blobs.stage()
        do {
            try await staged.write(metadataFile)
            let digests = try await staged.finish()
            // One commit for both: they share a directory, flushed once.
            try await blobs.commit([(upload.content.blob, key), (staged, key.metadataKey)])
            await staged.discard()
            return MetadataFileDigests(sha256: digests.sha256, blake2b256: digests.blake2b256)
        } catch {
            await staged.discard()
            throw error
        }
    }

    /// One transaction: the project and its Owner role when new, the release on its first
    /// file, the file, and the journal entries PyPI writes.
    /// `projectID` is the project the permission check saw (`nil`: a new one); when the store
    /// now holds another, the transaction throws a project-name conflict so the caller checks
    /// again.
    func record(
        _ upload: PendingUpload, projectID: ProjectID?, metadataDigests: MetadataFileDigests?
    ) async throws -> DistributionFile {
        let now = clock.now()
        let user = upload.identity.user
        let metadata = upload.metadata
        let normalizedName = upload.normalizedName
        let content = upload.content
        let fileUpload = FileUpload(
            filename: content.filename, packageType: upload.fields.filetype, pythonVersion: upload.fields.pyversion,
            requiresPython: upload.requiresPythonAsWritten, size: content.blob.byteCount,
            digests: content.digests,
            blobPath: BlobKey(blake2b256: content.digests.blake2b256, filename: content.filename).path,
            metadataDigests: metadataDigests, uploadTime: now, uploader: user.id)
        return try await store.write { tx in
            func journal(_ project: Project, _ version: String?, _ action: String) async throws {
                _ = try await tx.appendJournal(
                    normalizedName: normalizedName, projectName: project.name, version: version, action: action,
                    time: now, actor: user.username)
            }
            let project: Project
            if let existing = try await tx.project(normalizedName: normalizedName) {
                // Created since the permission check: check again.
                guard existing.id == projectID else { throw IndexStoreError.conflict(.projectName(normalizedName)) }
                project = existing
            } else {
                guard projectID == nil else { throw IndexStoreError.conflict(.projectName(normalizedName)) }
                project = try await tx.createProject(name: metadata.name, normalizedName: normalizedName, created: now)
                try await tx.addRole(Role(userID: user.id, projectID: project.id, kind: .owner))
                try await journal(project, nil, "create")
                try await journal(project, nil, "add Owner \(user.username)")
                if var publisher = upload.identity.publisher {
                    // A pending publisher becomes the new project's publisher (Warehouse's reify).
                    publisher.projectID = project.id
                    publisher.pendingProjectName = nil
                    try await tx.savePublisher(publisher)
                }
            }
            let version = metadata.version.description
            let release: Release
            if let existing = try await tx.release(projectID: project.id, canonicalVersion: upload.canonicalVersion) {
                release = existing
            } else {
                release = try await tx.createRelease(
                    projectID: project.id, version: version, canonicalVersion: upload.canonicalVersion,
                    metadata: ReleaseMetadata(metadata, requiresPython: upload.requiresPythonAsWritten), created: now,
                    uploader: user.id)
                try await journal(project, release.version, "new release")
            }
            let file = try await tx.addFile(fileUpload, to: release.id)
            try await journal(project, release.version, "add \(upload.fields.pyversion) file \(content.filename)")
            var details = ["filename": content.filename, "version": release.version]
            if let token = upload.identity.tokenID { details["token"] = token.rawValue }
            if let publisher = upload.identity.publisher { details["publisher"] = publisher.id }
            try await tx.appendEvent(
                SecurityEvent(
                    userID: user.id, project: normalizedName, tag: "project:release:file:add", time: now,
                    ip: upload.identity.ip, details: details))
            return file
        }
    }
}
