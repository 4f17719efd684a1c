/// `License-File` rules of `packaging.metadata` (PEP 639).
enum LicenseFileRules {
    /// The message for the first unacceptable path: parent references, globs, absolute paths
    /// (POSIX or Windows) and backslashes are refused.
    static func problem(with paths: [String]) -> String? {
        for path in paths {
            let quoted = PythonRepr.quote(path)
            if path.contains("..") {
                return "\(quoted) is invalid for 'license-file', parent directory indicators are not allowed"
            }
            if path.contains("*") {
                return "\(quoted) is invalid for 'license-file', paths must be resolved"
            }
            if isAbsolute(path) {
                return "\(quoted) is invalid for 'license-file', paths must be relative"
            }
            if path.contains("\\") {
                return "\(quoted) is invalid for 'license-file', paths must use '/' delimiter"
            }
        }
        return nil
    }

    /// `PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()`: a leading
    /// slash, or a drive letter followed by a slash or backslash, or a UNC `\\server\share` path.
    private static func isAbsolute(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "/") { return true }
        if bytes.count >= 3, bytes[1] == UInt8(ascii: ":"),
            bytes[2] == UInt8(ascii: "/") || bytes[2] == UInt8(ascii: "\\")
        {
            return true
        }
        return bytes.starts(with: Array("\\\\".utf8))
    }
}
