import PythonPackaging

/// What archive inspection found.
struct InspectedArchive: Sendable {
    /// The PEP 658 metadata file to serve beside the distribution, if any.
    var metadataFile: [UInt8]?
    /// A wheel's own dependency fields, which the index keeps over the form's.
    var wheelDependencies: WheelDependencies?
}

extension UploadDistribution {
    /// Warehouse's archive validation ("Invalid distribution file. <reason>"), then the sdist
    /// or wheel filename checks against the metadata, then the wheel's content checks; returns
    /// the PEP 658 metadata file (a wheel's `METADATA`; an sdist's `PKG-INFO` when it is
    /// Metadata 2.2+ with no `Dynamic` field, PEP 643).
    func inspectArchive(_ upload: PendingUpload) throws -> InspectedArchive {
        let source: any ArchiveSource
        do {
            source = try upload.content.blob.archiveSource()
        } catch {
            throw UploadError.invalidDistribution
        }
        let project = ProjectName(upload.metadata.name)
        switch upload.fields.filetype {
        case .bdistWheel:
            return try inspectWheel(upload, source: source, project: project)
        case .sdist:
            return try inspectSdist(upload, source: source, project: project)
        }
    }

    private func inspectWheel(_ upload: PendingUpload, source: any ArchiveSource, project: ProjectName) throws
        -> InspectedArchive
    {
        let wheel: WheelArchive
        do {
            wheel = try WheelArchive(archive: ZipArchive(source: source), filename: upload.filename)
        } catch let error as ArchiveError {
            throw UploadError.invalidArchive(error.reason)
        } catch let error as WheelError {
            throw UploadError.badRequest(error.message)
        }
        try checkFilename(upload, project: project)
        let metadataFile: [UInt8]
        do {
            try wheel.validate(licenseFiles: upload.metadata.requiredLicenseFiles)
            metadataFile = try wheel.metadata()
        } catch {
            throw UploadError.badRequest(error.message)
        }
        let dependencies = try wheelDependencies(metadataFile, of: upload)
        return InspectedArchive(metadataFile: metadataFile, wheelDependencies: dependencies)
    }

    private func inspectSdist(_ upload: PendingUpload, source: any ArchiveSource, project: ProjectName) throws
        -> InspectedArchive
    {
        let filename = upload.filename
        let isZip = filename.lowercased().hasSuffix(".zip")
        let (name, version) = SdistFilename.parts(of: filename)
        let licenseFiles = upload.metadata.requiredLicenseFiles
        let sdist: SdistArchive
        do {
            sdist =
                isZip
                ? try SdistArchive(zip: source, name: name, version: version, licenseFiles: licenseFiles)
                : try SdistArchive(
                    source: source, name: name, version: version, licenseFiles: licenseFiles,
                    limits: TarLimits(maxDecompressedBytes: limits.sdistDecompressedBytes))
        } catch {
            throw UploadError.invalidArchive(error.reason)
        }
        try checkFilename(upload, project: project)
        if let missing = sdist.missingLicenseFiles(licenseFiles).first {
            throw UploadError.badRequest(
                "License-File \(missing) does not exist in distribution file \(filename) at "
                    + "\(sdist.topLevelDirectory)/\(missing)")
        }
        let pkgInfo = try? CoreMetadata.validated(parsing: sdist.pkgInfo)
        return InspectedArchive(metadataFile: pkgInfo?.metadata.isStaticForPEP658 == true ? sdist.pkgInfo : nil)
    }

    /// PEP 625 sdist names and the wheel filename rules (`UploadFilenameCheck`).
    private func checkFilename(_ upload: PendingUpload, project: ProjectName) throws {
        do {
            switch upload.fields.filetype {
            case .sdist:
                try UploadFilenameCheck.validateSdist(
                    filename: upload.filename, project: project, metadataName: upload.metadata.name,
                    metadataVersion: upload.metadata.version)
            case .bdistWheel:
                try UploadFilenameCheck.validateWheel(
                    filename: upload.filename, project: project, metadataName: upload.metadata.name,
                    metadataVersion: upload.metadata.version)
            }
        } catch {
            throw UploadError.badRequest(error.message)
        }
    }
}
