/// The field checks of `packaging.metadata.Metadata.from_raw`, collecting every error.
struct FieldChecker {
    let raw: RawMetadata
    var errors: [MetadataError] = []
    var warnings: [String] = []

    init(raw: RawMetadata) {
        self.raw = raw
    }

    /// Checks every field and builds the typed metadata, or throws the error Warehouse reports.
    mutating func check() throws(MetadataError) -> CoreMetadata {
        // Warehouse reports a Metadata-Version, Name or Version error before any other, so
        // those three throw at once; the other fields' errors are collected.
        let metadataVersion = try checkMetadataVersion()
        warnNewerFields(than: metadataVersion)
        let name = try checkName()
        let version = try checkVersion()
        // On scalars: "\r\n" is one Character, which a Character test would let through.
        if let summary = raw.strings[.summary], summary.unicodeScalars.contains("\n") {
            errors.append(MetadataError(.summary, "'summary' must be a single line"))
        }
        if let contentType = raw.strings[.descriptionContentType],
            let problem = DescriptionContentType.problem(with: contentType)
        {
            errors.append(MetadataError(.descriptionContentType, problem))
        }
        let dynamic = checkDynamic()
        let extras = checkProvidesExtra()
        let requiresPython = checkRequiresPython()
        let requiresDist = checkRequiresDist()
        let licenseExpression = checkLicenseExpression()
        if let problem = LicenseFileRules.problem(with: raw.lists[.licenseFile] ?? []) {
            errors.append(MetadataError(.licenseFile, problem))
        }
        for field in [MetadataField.importName, .importNamespace] {
            if let problem = ImportNameRules.problem(with: raw.lists[field] ?? [], field: field) {
                errors.append(MetadataError(field, problem))
            }
        }
        if let error = MetadataError.first(of: errors) { throw error }
        var metadata = CoreMetadata(metadataVersion: metadataVersion, name: name, version: version)
        metadata.dynamic = dynamic
        metadata.providesExtra = extras
        metadata.requiresPython = requiresPython
        metadata.requiresDist = requiresDist
        metadata.licenseExpression = licenseExpression
        metadata.fill(from: raw)
        return metadata
    }

    private func checkMetadataVersion() throws(MetadataError) -> MetadataVersion {
        guard let text = raw.strings[.metadataVersion] else {
            throw MetadataError(.metadataVersion, "None is not a valid metadata version")
        }
        guard let version = MetadataVersion(rawValue: text) else {
            throw MetadataError(.metadataVersion, "\(PythonRepr.quote(text)) is not a valid metadata version")
        }
        return version
    }

    /// `packaging` refuses a field newer than the declared Metadata-Version; we accept it with
    /// its message as a warning (DESIGN §3: hatchling wrote License-Expression under 2.1).
    private mutating func warnNewerFields(than declared: MetadataVersion) {
        var present = Set(raw.strings.keys).union(raw.lists.keys)
        if raw.projectURLs != nil { present.insert(.projectURL) }
        for field in MetadataField.allCases where present.contains(field) && field.introducedIn > declared {
            warnings.append(
                "\(field.rawValue) introduced in metadata version \(field.introducedIn.rawValue), "
                    + "not \(declared.rawValue)")
        }
    }

    private func checkName() throws(MetadataError) -> String {
        guard let name = raw.strings[.name], !name.isEmpty else {
            throw MetadataError(.name, "'name' is a required field")
        }
        guard ProjectName.isValid(name) else {
            throw MetadataError(.name, "\(PythonRepr.quote(name)) is invalid for 'name'")
        }
        return name
    }

    private func checkVersion() throws(MetadataError) -> Version {
        guard let text = raw.strings[.version], !text.isEmpty else {
            throw MetadataError(.version, "'version' is a required field")
        }
        do {
            return try Version(parsing: text)
        } catch {
            throw MetadataError(.version, "\(PythonRepr.quote(text)) is invalid for 'version'")
        }
    }

    private mutating func checkDynamic() -> [String] {
        let values = (raw.lists[.dynamic] ?? []).map { $0.lowercased() }
        for value in values {
            if ["name", "version", "metadata-version"].contains(value) {
                errors.append(MetadataError(.dynamic, "\(PythonRepr.quote(value)) is not allowed as a dynamic field"))
                break
            }
            if MetadataField(rawValue: value) == nil {
                errors.append(MetadataError(.dynamic, "\(PythonRepr.quote(value)) is not a valid dynamic field"))
                break
            }
        }
        return values
    }

    private mutating func checkProvidesExtra() -> [String] {
        let values = raw.lists[.providesExtra] ?? []
        if let bad = values.first(where: { !ProjectName.isValid($0) }) {
            errors.append(MetadataError(.providesExtra, "\(PythonRepr.quote(bad)) is invalid for 'provides-extra'"))
        }
        return values.map(ProjectName.normalize)
    }

    private mutating func checkRequiresPython() -> SpecifierSet? {
        guard let text = raw.strings[.requiresPython] else { return nil }
        do {
            return try SpecifierSet(parsing: text)
        } catch {
            errors.append(MetadataError(.requiresPython, "\(PythonRepr.quote(text)) is invalid for 'requires-python'"))
            return nil
        }
    }

    /// `License-Expression`, canonicalised; packaging's message does not include the cause.
    private mutating func checkLicenseExpression() -> LicenseExpression? {
        guard let text = raw.strings[.licenseExpression] else { return nil }
        do {
            return try LicenseExpression(parsing: text)
        } catch {
            errors.append(
                MetadataError(.licenseExpression, "\(PythonRepr.quote(text)) is invalid for 'license-expression'"))
            return nil
        }
    }

    private mutating func checkRequiresDist() -> [Requirement] {
        var requirements: [Requirement] = []
        for text in raw.lists[.requiresDist] ?? [] {
            do {
                requirements.append(try Requirement(parsing: text))
            } catch {
                errors.append(MetadataError(.requiresDist, "\(PythonRepr.quote(text)) is invalid for 'requires-dist'"))
                break
            }
        }
        return requirements
    }
}

extension CoreMetadata {
    /// Copies the fields that need no conversion.
    fileprivate mutating func fill(from raw: RawMetadata) {
        summary = raw.strings[.summary]
        description = raw.strings[.description]
        descriptionContentType = raw.strings[.descriptionContentType]
        homePage = raw.strings[.homePage]
        downloadURL = raw.strings[.downloadURL]
        author = raw.strings[.author]
        authorEmail = raw.strings[.authorEmail]
        maintainer = raw.strings[.maintainer]
        maintainerEmail = raw.strings[.maintainerEmail]
        license = raw.strings[.license]
        platforms = raw.lists[.platform] ?? []
        supportedPlatforms = raw.lists[.supportedPlatform] ?? []
        keywords = raw.lists[.keywords] ?? []
        licenseFiles = raw.lists[.licenseFile] ?? []
        classifiers = raw.lists[.classifier] ?? []
        requiresExternal = raw.lists[.requiresExternal] ?? []
        projectURLs = raw.projectURLs ?? []
        providesDist = raw.lists[.providesDist] ?? []
        obsoletesDist = raw.lists[.obsoletesDist] ?? []
        importNames = raw.lists[.importName] ?? []
        importNamespaces = raw.lists[.importNamespace] ?? []
        requires = raw.lists[.requires] ?? []
        provides = raw.lists[.provides] ?? []
        obsoletes = raw.lists[.obsoletes] ?? []
    }
}
