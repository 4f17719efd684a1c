/// Warehouse's checks of an uploaded file's name (`warehouse/forklift/legacy.py`), as pure
/// functions in its order and with its messages. The server calls `validate` as soon as it
/// has the form, and `validateSdist` / `validateWheel` once it has read the metadata.
public enum UploadFilenameCheck {
    /// `_validate_filename`: no control characters or DEL, no `/` or `\`, and an extension
    /// (`.tar.gz`, `.zip` or `.whl`, any case, after at least one character) that the
    /// filetype allows, compared case-sensitively.
    public static func validate(filename: String, filetype: UploadFiletype) throws(FilenameError) {
        if filename.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
            throw .unprintableCharacters
        }
        if filename.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) {
            throw .pathSeparator
        }
        guard let fileExtension = distributionExtension(of: filename) else { throw .unknownExtension }
        guard filetype.extensions.contains(fileExtension) else {
            throw .extensionForFiletype(fileExtension, filetype)
        }
    }

    /// Warehouse's `.+?(?P<extension>\.(tar\.gz|zip|whl))$` with `re.IGNORECASE`: the
    /// extension as written, if the name ends with one after at least one other character.
    /// Python's case folding lets `İ` and `ı` stand for `i`.
    static func distributionExtension(of filename: String) -> String? {
        let scalars = Array(filename.unicodeScalars)
        for candidate in [".tar.gz", ".zip", ".whl"] {
            let pattern = Array(candidate.unicodeScalars)
            guard scalars.count > pattern.count else { continue }
            let tail = scalars[(scalars.count - pattern.count)...]
            if zip(tail, pattern).allSatisfy(matchesIgnoringCase) {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: tail)
                return String(text)
            }
        }
        return nil
    }

    private static func matchesIgnoringCase(_ scalar: Unicode.Scalar, _ pattern: Unicode.Scalar) -> Bool {
        if scalar == pattern { return true }
        if pattern == "i" { return scalar == "I" || scalar == "\u{130}" || scalar == "\u{131}" }
        return scalar.isASCII && pattern.isASCII && PythonText.asciiLower(UInt8(scalar.value)) == UInt8(pattern.value)
    }
}
