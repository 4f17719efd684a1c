extension RawMetadata {
    /// Reads core metadata from the fields of a legacy upload form (`POST /legacy/`), as
    /// Warehouse's `forklift.metadata.parse_form_metadata` does.
    ///
    /// Keys are the lower-case underscore names of ``MetadataField/formName`` (`metadata_version`,
    /// `classifiers`, `requires_dist`, `project_urls`, `platform`, `license_file`...). Keys that
    /// are not metadata fields (`:action`, `sha256_digest`, `content`...) are ignored; a field
    /// sent only as one empty string counts as absent; a single-use field sent more than once
    /// is kept in ``unparsed`` and reported as "'name' has invalid data".
    public init(form: [String: [String]]) {
        self.init()
        for key in form.keys.sorted() {
            guard let field = MetadataField(formName: key), let values = form[key],
                values != [""]
            else { continue }
            store(values, for: field, key: key)
        }
    }
}
