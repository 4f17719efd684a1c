extension FilenameError {
    // warehouse/forklift/legacy.py, file_upload and _validate_filename.

    static let unprintableCharacters = FilenameError(
        "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name."
    )

    static let pathSeparator = FilenameError("Cannot upload a file with '/' or '\\' in the name.")

    static let unknownExtension = FilenameError(
        "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 "
            + "and https://peps.python.org/pep-0715/ for more information")

    static func extensionForFiletype(_ fileExtension: String, _ filetype: UploadFiletype) -> FilenameError {
        FilenameError(
            "Invalid file extension: Extension \(fileExtension) is invalid for filetype \(filetype.rawValue). "
                + "See https://www.python.org/dev/peps/pep-0527 for more information.")
    }

    static func invalidSdistFilename(_ filename: String) -> FilenameError {
        FilenameError("Invalid source distribution filename: \(filename)")
    }

    static func startFilename(project: String, with prefix: String) -> FilenameError {
        FilenameError("Start filename for \(PythonRepr.quote(project)) with \(PythonRepr.quote(prefix)).")
    }

    static func sdistNotNormalized(_ filename: String, expected: String) -> FilenameError {
        FilenameError("Filename \(PythonRepr.quote(filename)) is invalid, should be \(PythonRepr.quote(expected)).")
    }

    static func unsupportedPlatformTag(_ filename: String, _ platform: String) -> FilenameError {
        FilenameError("Binary wheel '\(filename)' has an unsupported platform tag '\(platform)'.")
    }

    static func wheelNameNotNormalized(_ filename: String, expected: String, found: String) -> FilenameError {
        FilenameError(
            "Filename \(PythonRepr.quote(filename)) should contain the normalized project name "
                + "\(PythonRepr.quote(expected)), not \(PythonRepr.quote(found)).")
    }

    static func versionMismatch(expected: String, found: String) -> FilenameError {
        FilenameError("Version in filename should be \(PythonRepr.quote(expected)) not \(PythonRepr.quote(found)).")
    }
}
