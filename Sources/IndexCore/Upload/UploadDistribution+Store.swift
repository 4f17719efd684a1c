import PythonPackaging

/// What the store says about an upload before anything is written.
enum StoreCheck: Sendable {
    /// Go on; the project exists with this id, or is new (`nil`).
    case proceed(ProjectID?)
    /// The same file is already stored: a successful no-op.
    case identical
}

extension UploadDistribution {
    /// Warehouse's checks that read the database, in its order: project (new-name rules or
    /// permission), filename, size, digests, duplicates, filename registry, one sdist.
    func checkAgainstStore(_ upload: PendingUpload) async throws -> StoreCheck {
        var project = try await store.project(normalizedName: upload.normalizedName)
        if project == nil, let created = try await checkNewProject(upload) {
            // A concurrent upload created it since the lookup: it is an existing project now.
            project = created
        }
        let projectName: String
        if let project {
            try await checkPermission(upload, project: project)
            projectName = project.name
        } else {
            projectName = upload.metadata.name
        }
        try checkDescription(upload)
        let content = upload.content
        do {
            try UploadFilenameCheck.validate(filename: content.filename, filetype: upload.fields.filetype)
        } catch {
            throw UploadError.badRequest(error.message)
        }
        guard content.filename.utf8.count <= UploadError.maximumFilenameBytes else { throw UploadError.filenameTooLong }
        if content.contentType.map({ $0.isEmpty || $0.lowercased().hasPrefix("image/") }) ?? true {
            throw UploadError.invalidDistribution
        }
        let size = content.blob.byteCount
        guard size <= limits.fileSize else {
            throw UploadError.fileTooLarge(project: projectName, limit: limits.fileSize)
        }
        if let project {
            let total = try await store.totalSize(projectID: project.id)
            guard total + size <= limits.projectSize else {
                throw UploadError.projectTooLarge(project: projectName, limit: limits.projectSize)
            }
        }
        let fields = upload.fields
        guard content.digests.matches(md5: fields.md5, sha256: fields.sha256, blake2b256: fields.blake2b256) else {
            throw UploadError.digestMismatch
        }
        // The registry is read before the live files: a concurrent upload of this filename that
        // commits between the two reads is then seen as a live file ("File already exists"),
        // never as a name whose file was deleted.
        let wasUsed = try await store.filenameWasUsed(content.filename)
        let byName = try await store.file(filename: content.filename)
        if let existing = try await byName.asyncOr({ try await store.file(blake2b256: content.digests.blake2b256) }) {
            let same = existing.upload
            if same.filename == content.filename, same.digests.sha256 == content.digests.sha256,
                same.digests.blake2b256 == content.digests.blake2b256
            {
                return .identical
            }
            throw UploadError.fileExists(content.filename, blake2b256: content.digests.blake2b256)
        }
        if wasUsed { throw UploadError.filenameReused }
        if fields.filetype == .sdist, let project,
            let detail = try await store.projectDetail(normalizedName: project.normalizedName),
            let release = detail.releases.first(where: { $0.canonicalVersion == upload.canonicalVersion }),
            detail.files.contains(where: { $0.releaseID == release.id && $0.upload.packageType == .sdist })
        {
            throw UploadError.secondSdist
        }
        return .proceed(project?.id)
    }

    /// A new project: a project-scoped token may not create it, and the name must pass
    /// Warehouse's `check_project_name` (invalid, stdlib, too similar). Returns the project when
    /// one of the same name exists after all (created by a concurrent upload since the caller
    /// looked), for the checks of an existing project.
    private func checkNewProject(_ upload: PendingUpload) async throws -> Project? {
        let name = ProjectName(upload.metadata.name)
        let similar = try await store.project(ultranormalizedName: name.ultranormalized)
        if let similar, similar.normalizedName == name.normalized { return similar }
        let identity = upload.identity
        if let publisher = identity.publisher {
            guard publisher.projectID == nil, publisher.pendingProjectName == name.normalized else {
                throw UploadError.publisherNotAllowed(project: name.name)
            }
        }
        guard !identity.scope.isProjectScoped else {
            throw UploadError.tokenNotAllowed(project: name.name)
        }
        if try await InstanceFlag.disallowNewProjects.isOn(in: store) {
            throw UploadError.forbidden(InstanceFlag.newProjectsDisabledMessage)
        }
        let now = clock.now()
        if let retry = guards.projectsPerUser.test(identity.user.id.description, at: now)
            ?? guards.projectsPerIP.test(identity.ip, at: now)
        {
            throw UploadError.tooManyProjects(retryAfter: retry.seconds)
        }
        do {
            try name.validateForNewProject()
        } catch {
            throw UploadError.badRequest(error.message)
        }
        if let refusal = NameReservationPolicy.refusal(
            try await store.reservedName(name.normalized), name: name.name, user: upload.identity.user.id,
            now: clock.now())
        {
            throw UploadError.badRequest(refusal)
        }
        if similar != nil {
            throw UploadError.badRequest(NameError.tooSimilar(name.name).message)
        }
        if let upstream = guards.upstream {
            let refusal: String?
            do {
                refusal = try await upstream.refusal(forNewProject: name.name, normalizedName: name.normalized)
            } catch {
                // Not known to be safe: refused until the upstream can be asked (or the name is reserved).
                throw UploadError.upstreamUnavailable(name.name, normalizedName: name.normalized)
            }
            if let refusal { throw UploadError.badRequest(refusal) }
        }
        return nil
    }

    /// An existing project: the token's scope must include it, the user must be an Owner or
    /// Maintainer, and the project must accept uploads.
    private func checkPermission(_ upload: PendingUpload, project: Project) async throws {
        let identity = upload.identity
        if let publisher = identity.publisher {
            guard publisher.projectID == project.id else {
                throw UploadError.publisherNotAllowed(project: project.name)
            }
        } else {
            guard identity.scope.permits(project, now: clock.now()) else {
                throw UploadError.tokenNotAllowed(project: project.name)
            }
            let roles = try await store.effectiveRoles(projectID: project.id)
            guard roles.contains(where: { $0.userID == identity.user.id }) else {
                throw UploadError.userNotAllowed(identity.user.username, project: project.name)
            }
        }
        switch project.status {
        case .archived: throw UploadError.archived(project: project.name)
        case .quarantined: throw UploadError.userNotAllowed(identity.user.username, project: project.name)
        case .active, .deprecated: break
        }
    }
}

extension Optional where Wrapped: Sendable {
    fileprivate func asyncOr(_ other: () async throws -> Wrapped?) async rethrows -> Wrapped? {
        if let self { return self }
        return try await other()
    }
}
