import PythonPackaging

/// The non-metadata fields of the upload form, checked as Warehouse's `UploadForm`
/// (`forklift/forms.py`): field errors first, by field name, then the whole-form rules.
struct UploadForm: Sendable {
    var filetype: UploadFiletype
    var pyversion: String
    var md5: String?
    var sha256: String?
    var blake2b256: String?

    init(_ form: [String: [String]]) throws(UploadError) {
        func value(_ key: String) -> String? {
            guard let first = form[key]?.first, !first.isEmpty else { return nil }
            return first
        }
        let blake2 = value("blake2_256_digest")
        if let blake2, !Self.isHex(blake2, length: 64) {
            throw .formField("blake2_256_digest", "Use a valid, hex-encoded, BLAKE2 message digest.")
        }
        guard let rawFiletype = value("filetype") else { throw .formField("filetype", "This field is required.") }
        guard let filetype = UploadFiletype(rawValue: rawFiletype) else {
            throw .formField("filetype", "Use a known file type.")
        }
        if let name = value("name"), !ProjectName.isValid(name) {
            throw .badRequest(
                "'\(name)' is an invalid value for Name. Error: \(NameError.invalidCharactersMessage) "
                    + "See https://packaging.python.org/specifications/core-metadata for more information.")
        }
        let sha256 = value("sha256_digest")
        if let sha256, !Self.isHex(sha256, length: 64) {
            throw .formField("sha256_digest", "Use a valid, hex-encoded, SHA256 message digest.")
        }
        var pyversion = value("pyversion")
        if filetype != .sdist, pyversion == nil {
            throw .form("Python version is required for binary distribution uploads.")
        }
        if filetype == .sdist {
            if pyversion == nil {
                pyversion = "source"
            } else if pyversion != "source" {
                throw .form("Use 'source' as Python version for an sdist.")
            }
        }
        let md5 = value("md5_digest")
        guard md5 != nil || sha256 != nil || blake2 != nil else {
            throw .form("Include at least one message digest.")
        }
        self.filetype = filetype
        self.pyversion = pyversion ?? "source"
        self.md5 = md5
        self.sha256 = sha256
        blake2b256 = blake2
    }

    static func isHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { $0.isHexDigit }
    }

    /// Warehouse's `sanitize`: values equal to `UNKNOWN` are dropped, NUL becomes `\x00`.
    static func sanitized(_ form: [String: [String]]) -> [String: [String]] {
        form.compactMapValues { values in
            let kept = values.filter { $0 != "UNKNOWN" }.map { $0.replacingNUL() }
            return kept.isEmpty ? nil : kept
        }
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self)
    }
}

extension String {
    fileprivate func replacingNUL() -> String {
        guard unicodeScalars.contains("\0") else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\0" { result += "\\x00" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
