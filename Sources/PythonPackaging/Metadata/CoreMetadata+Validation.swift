/// Core metadata that passed validation, and what was accepted with a warning.
public struct ValidatedMetadata: Hashable, Sendable {
    /// The typed metadata.
    public var metadata: CoreMetadata
    /// Accepted deviations (a field newer than the declared Metadata-Version, an unknown
    /// field), for the upload's 200 response; see DESIGN §3.
    public var warnings: [String]
}

extension RawMetadata {
    /// Validates the metadata as `packaging.metadata.Metadata.from_raw` and then Warehouse's
    /// `forklift/metadata.py` do, and returns it typed with any warnings.
    ///
    /// Differences from Warehouse, on purpose: a field newer than the declared Metadata-Version
    /// and an unrecognised field are accepted with a warning (real wheels carry
    /// `License-Expression` under Metadata-Version 2.1). Every other problem throws the
    /// ``MetadataError`` Warehouse would report: `packaging`'s errors first, then Warehouse's,
    /// each time the first of `metadata-version`, `name`, `version`, then by field name.
    public func validated(
        options: MetadataValidationOptions = MetadataValidationOptions()
    ) throws(MetadataError) -> ValidatedMetadata {
        var warnings: [String] = []
        var errors: [MetadataError] = []
        for field in unparsed {
            switch field.reason {
            case .unrecognized:
                warnings.append("unrecognized field: \(PythonRepr.quote(field.name))")
            case .invalidData:
                errors.append(
                    MetadataError(field: field.name, message: "\(PythonRepr.quote(field.name)) has invalid data"))
            case .invalidUTF8:
                errors.append(
                    MetadataError(
                        field: field.name,
                        message: "\(PythonRepr.quote(field.name)) has invalid data: it is not valid UTF-8"))
            }
        }
        if let error = MetadataError.first(of: errors) { throw error }
        var checker = FieldChecker(raw: self)
        let metadata = try checker.check()
        warnings += checker.warnings
        if let error = MetadataError.first(of: WarehouseRules.errors(metadata, options: options)) { throw error }
        return ValidatedMetadata(metadata: metadata, warnings: warnings)
    }
}

extension CoreMetadata {
    /// Reads and validates a `METADATA` or `PKG-INFO` file (``RawMetadata/init(parsing:)``,
    /// then ``RawMetadata/validated(options:)``).
    public static func validated(
        parsing bytes: [UInt8], options: MetadataValidationOptions = MetadataValidationOptions()
    ) throws(MetadataError) -> ValidatedMetadata {
        try RawMetadata(parsing: bytes).validated(options: options)
    }

    /// Reads and validates the metadata fields of a legacy upload form
    /// (``RawMetadata/init(form:)``, then ``RawMetadata/validated(options:)``).
    public static func validated(
        form: [String: [String]], options: MetadataValidationOptions = MetadataValidationOptions()
    ) throws(MetadataError) -> ValidatedMetadata {
        try RawMetadata(form: form).validated(options: options)
    }
}
