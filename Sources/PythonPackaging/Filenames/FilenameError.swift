/// Why a distribution filename was refused, with the message of `packaging.utils`
/// (`InvalidWheelFilename`, `InvalidSdistFilename`) or of Warehouse's upload checks
/// (`warehouse/forklift/legacy.py`), word for word.
public struct FilenameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The human message.
    public let message: String

    public var description: String { message }

    init(_ message: String) {
        self.message = message
    }
}

extension FilenameError {
    // packaging.utils.parse_wheel_filename; `stem` is the filename without `.whl`.

    static func wheelExtension(_ filename: String) -> FilenameError {
        FilenameError("Invalid wheel filename (extension must be '.whl'): \(PythonRepr.quote(filename))")
    }

    static func wheelPartCount(_ stem: String) -> FilenameError {
        FilenameError("Invalid wheel filename (wrong number of parts): \(PythonRepr.quote(stem))")
    }

    static func wheelProjectName(_ stem: String) -> FilenameError {
        FilenameError("Invalid project name: \(PythonRepr.quote(stem))")
    }

    static func wheelVersion(_ stem: String) -> FilenameError {
        FilenameError("Invalid wheel filename (invalid version): \(PythonRepr.quote(stem))")
    }

    static func wheelBuildNumber(_ buildPart: String, _ stem: String) -> FilenameError {
        FilenameError("Invalid build number: \(buildPart) in \(PythonRepr.quote(stem))")
    }

    static func wheelTagOrder(_ stem: String) -> FilenameError {
        FilenameError(
            "Invalid wheel filename (compressed tag set components must be in sorted order per PEP 425): "
                + PythonRepr.quote(stem))
    }

    // packaging.utils.parse_sdist_filename

    static func sdistExtension(_ filename: String) -> FilenameError {
        FilenameError("Invalid sdist filename (extension must be '.tar.gz' or '.zip'): \(PythonRepr.quote(filename))")
    }

    static func sdistMissingDash(_ filename: String) -> FilenameError {
        FilenameError("Invalid sdist filename: \(PythonRepr.quote(filename))")
    }

    static func sdistVersion(_ filename: String) -> FilenameError {
        FilenameError("Invalid sdist filename (invalid version): \(PythonRepr.quote(filename))")
    }
}
