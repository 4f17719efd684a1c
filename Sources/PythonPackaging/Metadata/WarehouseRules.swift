/// The checks Warehouse adds on top of `packaging.metadata` (`forklift/metadata.py`,
/// `_validate_metadata`), in its order.
enum WarehouseRules {
    /// Warehouse's `DYNAMIC_FIELDS`, lower-cased: every field but Name, Version,
    /// Metadata-Version and Dynamic itself.
    static let dynamicFields: Set<String> = Set(
        MetadataField.allCases.map(\.rawValue)
    ).subtracting(["name", "version", "metadata-version", "dynamic"])

    static func errors(_ metadata: CoreMetadata, options: MetadataValidationOptions) -> [MetadataError] {
        var errors: [MetadataError] = []
        if metadata.version.isLocal {
            errors.append(MetadataError(.version, "The use of local versions in '\(metadata.version)' is not allowed."))
        }
        if let summary = metadata.summary, summary.unicodeScalars.count > 512 {
            errors.append(MetadataError(.summary, "'summary' field must be 512 characters or less."))
        }
        for (field, value) in [
            (MetadataField.authorEmail, metadata.authorEmail), (.maintainerEmail, metadata.maintainerEmail),
        ] {
            guard let value, let address = EmailAddressValidator.address(in: value),
                let problem = EmailAddressValidator.problem(with: address)
            else { continue }
            errors.append(MetadataError(field, "\(PythonRepr.quote(address)) is not a valid email address: \(problem)"))
        }
        errors += TroveClassifiers.errors(metadata.classifiers, backfill: options.backfill)
        for (field, value) in [(MetadataField.homePage, metadata.homePage), (.downloadURL, metadata.downloadURL)] {
            if let value, !HTTPURLValidator.isValid(value) {
                errors.append(MetadataError(field, "\(PythonRepr.quote(value)) is not a valid url."))
            }
        }
        errors += projectURLErrors(metadata.projectURLs)
        errors += distErrors(metadata)
        for key in metadata.dynamic where !dynamicFields.contains(key) {
            errors.append(
                MetadataError(.dynamic, "Dynamic field \(PythonRepr.quote(key)) is not a valid dynamic field."))
        }
        if let license = metadata.license, !license.isEmpty, metadata.licenseExpression != nil {
            errors.append(
                MetadataError(
                    .license,
                    "License is deprecated when License-Expression is present. Only License-Expression should be present."
                ))
        }
        return errors
    }

    private static func projectURLErrors(_ urls: [ProjectURL]) -> [MetadataError] {
        urls.compactMap { entry in
            if entry.label.isEmpty { return MetadataError(.projectURL, "Must have a label") }
            if entry.label.unicodeScalars.count > 32 {
                return MetadataError(.projectURL, "\(PythonRepr.quote(entry.label)) must be 32 characters or less.")
            }
            if entry.url.isEmpty { return MetadataError(.projectURL, "Must have a URL") }
            if !HTTPURLValidator.isValid(entry.url) {
                return MetadataError(.projectURL, "\(PythonRepr.quote(entry.url)) is not a valid url")
            }
            return nil
        }
    }

    /// Provides-Dist and Obsoletes-Dist must be PEP 508 requirements; no *-Dist may be a
    /// direct URL reference.
    private static func distErrors(_ metadata: CoreMetadata) -> [MetadataError] {
        var errors: [MetadataError] = []
        for (field, values) in [
            (MetadataField.providesDist, metadata.providesDist), (.obsoletesDist, metadata.obsoletesDist),
        ] {
            for text in values {
                do {
                    let requirement = try Requirement(parsing: text)
                    if requirement.url != nil {
                        errors.append(MetadataError(field, "Can't have direct dependency: \(PythonRepr.quote(text))"))
                    }
                } catch {
                    errors.append(MetadataError(field, "\(PythonRepr.quote(text)) is invalid: \(error)"))
                }
            }
        }
        for requirement in metadata.requiresDist where requirement.url != nil {
            errors.append(MetadataError(.requiresDist, "Can't have direct dependency: \(requirement)"))
        }
        return errors
    }
}
