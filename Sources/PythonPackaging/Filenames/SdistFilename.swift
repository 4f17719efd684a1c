/// A source distribution filename, parsed exactly as `packaging.utils.parse_sdist_filename`:
/// `{name}-{version}.tar.gz` or `.zip`, split at the last `-`.
///
/// Like packaging it reads the legacy names found in old data, e.g. `Django-1.0.tar.gz` or
/// `zope.interface-3.8.0.zip` (name neither normalized nor escaped, any case, `.zip`), as long
/// as the version is valid PEP 440. PEP 625's stricter form for new uploads is
/// `pep625Filename`; `.tar.bz2`, `.tgz` and other old archive types are refused, as packaging does.
public struct SdistFilename: Hashable, Sendable {
    /// The archive format named by the extension.
    public enum Format: String, Hashable, Sendable {
        case tarGz = ".tar.gz"
        case zip = ".zip"
    }

    /// The project name as written; `name.normalized` is what packaging returns.
    public let name: ProjectName
    /// The version (PEP 440).
    public let version: Version
    /// `.tar.gz` or `.zip`.
    public let format: Format

    /// Parses `filename`, e.g. `requests-2.32.0.tar.gz`, throwing packaging's
    /// `InvalidSdistFilename` messages.
    public init(parsing filename: String) throws(FilenameError) {
        guard let format = [Format.tarGz, .zip].first(where: { PythonText.hasSuffix(filename, $0.rawValue) })
        else { throw .sdistExtension(filename) }
        let stem = PythonText.dropSuffix(filename, byteCount: format.rawValue.utf8.count)
        guard let dash = stem.utf8.lastIndex(of: UInt8(ascii: "-")) else { throw .sdistMissingDash(filename) }
        let namePart = String(decoding: stem.utf8[..<dash], as: UTF8.self)
        let versionPart = String(decoding: stem.utf8[stem.utf8.index(after: dash)...], as: UTF8.self)
        do {
            self.version = try Version(parsing: versionPart)
        } catch {
            throw .sdistVersion(filename)
        }
        self.name = ProjectName(namePart)
        self.format = format
    }

    /// The name and version parts of an sdist filename as written, unvalidated: the stem (without
    /// `.zip`, in any case, or else the 7 characters of `.tar.gz`) split at its last `-`, which is
    /// what the archive's top directory must be named. Without a `-`: the whole stem and "".
    public static func parts(of filename: String) -> (name: String, version: String) {
        let isZip = filename.lowercased().hasSuffix(".zip")
        let stem = String(filename.dropLast(isZip ? 4 : 7))
        guard let dash = stem.lastIndex(of: "-") else { return (stem, "") }
        return (String(stem[..<dash]), String(stem[stem.index(after: dash)...]))
    }

    /// The filename PEP 625 asks for: normalized name with `_` for `-`, the normalized
    /// version, `.tar.gz`. Warehouse requires an uploaded sdist to be named exactly this.
    public var pep625Filename: String {
        Self.pep625Filename(name: name, version: version)
    }

    /// `{normalized name with _}-{version}.tar.gz` for `name` and `version` (PEP 625).
    public static func pep625Filename(name: ProjectName, version: Version) -> String {
        "\(PythonText.underscored(name.normalized))-\(version.description).tar.gz"
    }
}
