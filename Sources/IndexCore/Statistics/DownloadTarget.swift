import PythonPackaging

/// What a request path asks for, as statistics count it: a distribution file (by its filename,
/// which names the project and version) or a project's simple page.
public struct DownloadTarget: Hashable, Sendable {
    public var kind: DownloadKind
    /// The project's normalized name.
    public var project: String
    public var version: String
    public var filename: String

    public init(kind: DownloadKind, project: String, version: String = "", filename: String = "") {
        self.kind = kind
        self.project = project
        self.version = version
        self.filename = filename
    }

    /// The target of `path` (without its query): a distribution file anywhere (its last
    /// segment; PEP 658 `.metadata` files are not downloads), or `/simple/<project>/`, also with
    /// `index.html` or `index.json` after it (a static export's pages).
    public init?(path: Substring) {
        if let simple = path.firstRange(of: "/simple/") {
            let rest = path[simple.upperBound...]
            let name = rest.prefix { $0 != "/" }
            let after = rest.dropFirst(name.count)
            guard !name.isEmpty, after == "/" || after == "/index.html" || after == "/index.json" else { return nil }
            self.init(kind: .page, project: ProjectName.normalize(String(name)))
            return
        }
        let filename = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
        guard let file = Self.distribution(filename) else { return nil }
        self.init(kind: .file, project: file.project, version: file.version, filename: String(filename))
    }

    /// The normalized project name and version a distribution's filename names (`nil`: not a
    /// wheel or sdist filename).
    public static func distribution(_ filename: Substring) -> (project: String, version: String)? {
        let name = String(filename)
        if name.hasSuffix(".whl") {
            guard let wheel = try? WheelFilename(parsing: name) else { return nil }
            return (wheel.name.normalized, wheel.version.description)
        }
        guard name.hasSuffix(".tar.gz") || name.hasSuffix(".zip"), let sdist = try? SdistFilename(parsing: name) else {
            return nil
        }
        return (sdist.name.normalized, sdist.version.description)
    }
}
