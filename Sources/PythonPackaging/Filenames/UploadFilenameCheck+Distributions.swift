extension UploadFilenameCheck {
    /// The sdist checks of Warehouse's `file_upload`, in order: packaging must parse the name
    /// ("Invalid source distribution filename: f"); its canonical name must be the project's
    /// ("Start filename for 'p' with 'prefix'."), allowing for a post-release whose version
    /// holds a `-`; and the filename must be exactly PEP 625's
    /// ("Filename 'x' is invalid, should be 'y'.").
    ///
    /// - Parameters:
    ///   - project: the project's name as registered (`name` for messages, `normalized`).
    ///   - metadataName: the `Name` of the uploaded metadata.
    ///   - metadataVersion: the `Version` of the uploaded metadata.
    @discardableResult
    public static func validateSdist(
        filename: String, project: ProjectName, metadataName: String, metadataVersion: Version
    ) throws(FilenameError) -> SdistFilename {
        let parsed: SdistFilename
        do {
            parsed = try SdistFilename(parsing: filename)
        } catch {
            throw .invalidSdistFilename(filename)
        }
        var nameFromFilename = parsed.name.normalized
        // Warehouse re-splits at the second-to-last dash for post-releases (`1.0-1`). It keeps
        // that name even when the rest is no valid version, so we do too.
        if metadataVersion.isPostrelease, !PythonText.equal(nameFromFilename, ProjectName.normalize(metadataName)),
            filename.utf8.count(where: { $0 == UInt8(ascii: "-") }) >= 2
        {
            let parts = PythonText.split(filename, on: UInt8(ascii: "-"))
            nameFromFilename = parts.dropLast(2).joined(separator: "-")
        }
        let expectedName = PythonText.underscored(project.normalized)
        guard PythonText.equal(ProjectName.normalize(nameFromFilename), project.normalized) else {
            throw .startFilename(project: project.name, with: expectedName)
        }
        let expected = SdistFilename.pep625Filename(name: project, version: metadataVersion)
        guard PythonText.equal(filename, expected) else { throw .sdistNotNormalized(filename, expected: expected) }
        return parsed
    }

    /// The wheel checks of Warehouse's `file_upload`, in order: packaging must parse the name
    /// (its message); every platform tag must be on the allow-list ("Binary wheel 'f' has an
    /// unsupported platform tag 't'."); the canonical name must be the metadata's ("Start
    /// filename for 'p' with 'prefix'."); and the version must be the metadata's ("Version in
    /// filename should be 'v' not 'w'."). Warehouse also refuses a name part that is not the
    /// normalized name with `_`; Cheeseshop accepts it with ``wheelNameWarning(filename:project:)``.
    @discardableResult
    public static func validateWheel(
        filename: String, project: ProjectName, metadataName: String, metadataVersion: Version
    ) throws(FilenameError) -> WheelFilename {
        let wheel = try WheelFilename(parsing: filename)
        if let platform = wheel.unsupportedPlatformTag { throw .unsupportedPlatformTag(filename, platform) }
        let canonicalName = ProjectName.normalize(metadataName)
        guard PythonText.equal(canonicalName, wheel.name.normalized) else {
            throw .startFilename(project: project.name, with: PythonText.underscored(canonicalName))
        }
        guard metadataVersion == wheel.version else {
            throw .versionMismatch(expected: metadataVersion.description, found: wheel.version.description)
        }
        return wheel
    }

    /// Warehouse's message when a wheel's name part is not the project's normalized name with `_`
    /// ("Filename 'f' should contain the normalized project name 'n', not 'x'."), or `nil` when it
    /// is. Warehouse refuses such wheels since 2025, but PyPI holds many older ones that pip
    /// installs (`Jinja2-3.0.3-py3-none-any.whl`), so Cheeseshop accepts them with this warning
    /// (DESIGN.md §3: distributions PyPI accepted in the past must upload).
    public static func wheelNameWarning(filename: String, project: ProjectName) -> String? {
        let nameFromFilename = PythonText.split(filename, on: UInt8(ascii: "-"), maxSplits: 1)[0]
        let normalizedName = PythonText.underscored(project.normalized)
        guard !PythonText.equal(nameFromFilename, normalizedName) else { return nil }
        return FilenameError.wheelNameNotNormalized(filename, expected: normalizedName, found: nameFromFilename).message
    }
}
