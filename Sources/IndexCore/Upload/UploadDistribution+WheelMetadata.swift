import PythonPackaging

/// What the index keeps of a wheel's own `METADATA`: the dependency fields installers read.
struct WheelDependencies: Sendable {
    var requiresDist: [Requirement]
    var requiresPython: SpecifierSet?
    var requiresPythonAsWritten: String?
}

extension UploadDistribution {
    /// The wheel's `METADATA` is what installers read (PEP 658), so the index must not say
    /// something else (TOB-PYPI26-10, catalogue A10). A different name or version is refused;
    /// for `Requires-Dist` and `Requires-Python` the index keeps the wheel's values, whatever the
    /// form said (older tools send partial forms, and twine unfolds long fields), with a warning
    /// when they differed. A `METADATA` whose dependencies do not parse is refused.
    func wheelDependencies(_ bytes: [UInt8], of upload: PendingUpload) throws -> WheelDependencies {
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
        var requiresDist: [Requirement] = []
        for line in raw.lists[.requiresDist] ?? [] {
            guard let requirement = try? Requirement(parsing: line) else {
                throw UploadError.badRequest(
                    "Invalid distribution file. The wheel's METADATA has an invalid Requires-Dist: '\(line)'.")
            }
            requiresDist.append(requirement)
        }
        let written = raw.strings[.requiresPython]
        var requiresPython: SpecifierSet?
        if let written {
            guard let specifiers = try? SpecifierSet(parsing: written) else {
                throw UploadError.badRequest(
                    "Invalid distribution file. The wheel's METADATA has an invalid Requires-Python: '\(written)'.")
            }
            requiresPython = specifiers
        }
        return WheelDependencies(
            requiresDist: requiresDist, requiresPython: requiresPython, requiresPythonAsWritten: written)
    }

    /// The warning when the form's dependencies differ from the wheel's, which the index keeps.
    static func dependencyWarning(form: CoreMetadata, wheel: WheelDependencies) -> String? {
        let formDist = Set(form.requiresDist.map(\.description))
        let wheelDist = Set(wheel.requiresDist.map(\.description))
        guard formDist != wheelDist || form.requiresPython?.description != wheel.requiresPython?.description else {
            return nil
        }
        return "The upload form's Requires-Dist or Requires-Python differs from the wheel's METADATA; "
            + "the index shows the wheel's, which is what installers read."
    }

    private static func metadataMismatch(_ field: String, wheel: String?, form: String?) -> UploadError {
        func shown(_ value: String?) -> String { value.map { "'\($0)'" } ?? "nothing" }
        return UploadError.badRequest(
            "Invalid distribution file. The wheel's METADATA has \(shown(wheel)) as \(field) but the upload "
                + "form has \(shown(form)); upload the wheel's own metadata.")
    }
}
