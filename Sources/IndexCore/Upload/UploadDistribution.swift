import PythonPackaging

/// The upload use case (`POST /legacy/`): Warehouse's `file_upload` pipeline in its order and
/// with its messages (reference b.4, security 1.1), then the blob commit and one store
/// transaction (DESIGN.md §3).
///
/// Refusals throw ``UploadError``; store and blob store failures propagate as they are (the
/// HTTP layer answers 5xx). Whatever happens, the staged blob is discarded at the end, and a
/// refused upload stores nothing.
public struct UploadDistribution: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let clock: any IndexClock
    let descriptions: any DescriptionRendering
    let limits: UploadLimits
    let guards: UploadGuards

    /// Creates the use case on its ports; `descriptions` judges whether a long description
    /// renders (Warehouse refuses an upload whose description does not).
    public init(
        store: any IndexStore, blobs: any BlobStore, clock: any IndexClock, descriptions: any DescriptionRendering,
        limits: UploadLimits = UploadLimits(), guards: UploadGuards = UploadGuards()
    ) {
        self.store = store
        self.blobs = blobs
        self.clock = clock
        self.descriptions = descriptions
        self.limits = limits
        self.guards = guards
    }

    /// Runs the upload.
    public func callAsFunction(_ request: UploadRequest) async throws -> UploadResult {
        do {
            let result = try await run(request)
            await request.content?.blob.discard()
            return result
        } catch {
            await request.content?.blob.discard()
            throw error
        }
    }

    private func run(_ request: UploadRequest) async throws -> UploadResult {
        if try await InstanceFlag.disallowUploads.isOn(in: store) {
            throw UploadError.forbidden(InstanceFlag.uploadsDisabledMessage)
        }
        guard let identity = request.identity else { throw UploadError.noIdentity }
        try checkAccount(identity)
        let form = UploadForm.sanitized(request.form)
        guard (form["protocol_version"]?.first ?? "1") == "1" else { throw UploadError.unknownProtocolVersion }
        let fields = try UploadForm(form)
        let validated: ValidatedMetadata
        do {
            validated = try CoreMetadata.validated(form: form)
        } catch {
            throw UploadError.badRequest(error.description)
        }
        guard let content = request.content else { throw UploadError.noFile }
        var upload = PendingUpload(
            identity: identity, fields: fields, metadata: validated.metadata, content: content)
        // Requires-Python is served as written (PyPI does; pip and uv parse it themselves).
        upload.requiresPythonAsWritten = form["requires_python"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        var warnings = validated.warnings
        if fields.filetype == .bdistWheel,
            let warning = UploadFilenameCheck.wheelNameWarning(
                filename: content.filename, project: ProjectName(validated.metadata.name))
        {
            warnings.append(warning)
        }
        guard case .proceed(var projectID) = try await checkAgainstStore(upload) else {
            return UploadResult(warnings: warnings, file: nil)
        }
        let inspected = try inspectArchive(upload)
        if let wheel = inspected.wheelDependencies {
            if let warning = Self.dependencyWarning(form: upload.metadata, wheel: wheel) { warnings.append(warning) }
            upload.metadata.requiresDist = wheel.requiresDist
            upload.metadata.requiresPython = wheel.requiresPython
            upload.requiresPythonAsWritten = wheel.requiresPythonAsWritten
        }
        let stored = try await commitBlobs(upload, metadataFile: inspected.metadataFile)
        for attempt in 1...2 {
            do {
                let file = try await record(upload, projectID: projectID, metadataDigests: stored)
                if projectID == nil {
                    guards.projectsPerUser.hit(upload.identity.user.id.description, at: clock.now())
                    guards.projectsPerIP.hit(upload.identity.ip, at: clock.now())
                }
                return UploadResult(warnings: warnings, file: file)
            } catch IndexStoreError.conflict(let conflict) {
                // A concurrent write won the race: answer as the pre-checks now do.
                guard case .proceed(let checkedID) = try await checkAgainstStore(upload) else {
                    return UploadResult(warnings: warnings, file: nil)
                }
                projectID = checkedID
                if attempt == 2 { throw UploadError(conflict, upload: upload) }
            }
        }
        throw UploadError(.role, upload: upload)
    }
}

extension UploadDistribution {
    /// Warehouse's step 12: a non-empty description must render in its declared format
    /// (reStructuredText when none is declared).
    func checkDescription(_ upload: PendingUpload) throws {
        guard let description = upload.metadata.description, !description.isEmpty else { return }
        let declared = upload.metadata.descriptionContentType.flatMap { $0.isEmpty ? nil : $0 }
        guard !descriptions.renders(description, contentType: declared) else { return }
        throw UploadError.descriptionFailedToRender(contentType: declared)
    }

    /// Warehouse's account checks: a verified primary address, and 2FA when the policy asks
    /// for it; uploads through a trusted publisher are exempt from both.
    func checkAccount(_ identity: UploadIdentity) throws {
        guard identity.publisher == nil else { return }
        let user = identity.user
        guard user.emailVerified else { throw UploadError.unverifiedEmail(user.username) }
        if guards.twoFactor.requiresTwoFactor(user), !user.hasTwoFactor {
            throw UploadError.twoFactorRequired(user.username)
        }
    }
}

/// An upload that passed the form and metadata checks.
struct PendingUpload: Sendable {
    var identity: UploadIdentity
    var fields: UploadForm
    var metadata: CoreMetadata
    var content: UploadContent
    /// The upload's `Requires-Python` exactly as sent; `nil` when absent.
    var requiresPythonAsWritten: String?

    var normalizedName: String { ProjectName.normalize(metadata.name) }
    var filename: String { content.filename }
    var canonicalVersion: String { metadata.version.canonicalized }
}

extension UploadError {
    /// The refusal that matches a store conflict that survived a re-check.
    init(_ conflict: IndexStoreConflict, upload: PendingUpload) {
        switch conflict {
        case .filenameRegistered: self = .filenameReused
        case .sdistPerRelease: self = .secondSdist
        case .projectName:
            self = UploadError(.conflict, NameError.conflictsWithExisting(upload.metadata.name).message)
        default: self = .fileExists(upload.filename, blake2b256: upload.content.digests.blake2b256)
        }
    }
}
