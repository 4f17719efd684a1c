import PythonPackaging

extension UploadDistribution {
    /// The wheel's `METADATA` is what installers read (PEP 658) and the form is what the index
    /// shows and resolves with, so they must agree on what matters to a resolver: the name, the
    /// version, `Requires-Dist` and `Requires-Python` (stricter than Warehouse, which does not
    /// compare them: TOB-PYPI26-10). Twine builds the form from `METADATA`, so honest uploads
    /// always agree.
    func checkWheelMetadata(_ bytes: [UInt8], matches upload: PendingUpload) throws {
        let raw = RawMetadata(parsing: bytes)
        let form = upload.metadata
        let name = raw.strings[.name]
        if name.map(ProjectName.normalize) != ProjectName.normalize(form.name) {
            throw Self.metadataMismatch("Name", wheel: name, form: form.name)
        }
        let version = raw.strings[.version]
        if version.flatMap({ try? Version(parsing: $0).canonicalized }) != form.version.canonicalized {
            throw Self.metadataMismatch("Version", wheel: version, form: form.version.description)
        }
        let requiresDist = raw.lists[.requiresDist] ?? []
        let parsed = Set(requiresDist.compactMap { try? Requirement(parsing: $0).description })
        let expected = Set(form.requiresDist.map(\.description))
        if parsed.count != requiresDist.count || parsed != expected {
            throw Self.metadataMismatch(
                "Requires-Dist", wheel: Self.listed(requiresDist),
                form: Self.listed(form.requiresDist.map(\.description)))
        }
        let requiresPython = raw.strings[.requiresPython]
        let specifiers = requiresPython.flatMap { try? SpecifierSet(parsing: $0).description }
        if specifiers != form.requiresPython?.description {
            throw Self.metadataMismatch(
                "Requires-Python", wheel: requiresPython, form: form.requiresPython?.description)
        }
    }

    private static func listed(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: ", ")
    }

    private static func metadataMismatch(_ field: String, wheel: String?, form: String?) -> UploadError {
        func shown(_ value: String?) -> String { value.map { "'\($0)'" } ?? "nothing" }
        return UploadError.badRequest(
            "Invalid distribution file. The wheel's METADATA has \(shown(wheel)) as \(field) but the upload "
                + "form has \(shown(form)); upload the wheel's own metadata.")
    }
}
