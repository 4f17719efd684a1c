import PythonPackaging

/// The public read path written out as static files (`cheeseshop export`), so that installs keep
/// working from a plain web server or bucket while the index is down:
///
/// - `simple/index.html`, `simple/index.v1_json` and `simple/<name>/index.html`,
///   `simple/<name>/index.v1_json`: the two renderings of every simple page (PEP 503, PEP 691),
///   chosen by the server's content negotiation (IndexStorage's `StaticExportNginx`);
/// - `packages/<blob path>` and `packages/<blob path>.metadata`: the files and their PEP 658
///   metadata at the same content-addressed paths the index uses;
/// - `pypi/<name>/json` and `pypi/<name>/<version>/json`: the JSON API.
///
/// Links are root-relative unless a base URL is given, so the export can be served from any
/// host. What was exported is remembered under ``stateDirectory`` (the serial reached and, per
/// project, the paths written), so ``update()`` rewrites only the projects the journal names
/// since, and removes what a deletion took away. Files are written before the pages that link
/// them, and removed after.
public struct StaticExport: Sendable {
    /// Where the export keeps its own state (never served).
    public static let stateDirectory = ".cheeseshop-export"
    /// The content type of the HTML simple pages.
    public static let htmlType = "text/html; charset=utf-8"

    /// What one run wrote.
    public struct Summary: Hashable, Sendable {
        /// The serial the export now reflects.
        public var serial: Int64
        /// Projects whose pages were written (or removed).
        public var projects = 0
        /// Distribution and metadata files copied (files already there are not copied again).
        public var files = 0
        /// Paths removed (deleted files and releases, hidden projects).
        public var removed = 0
    }

    let store: any IndexStore
    let blobs: any BlobStore
    let target: any ExportTarget
    let urls: IndexURLs

    /// An export of `store` and `blobs` into `target`, linking files under `baseURL` (`""`:
    /// root-relative links).
    public init(store: any IndexStore, blobs: any BlobStore, target: any ExportTarget, baseURL: String = "") {
        self.store = store
        self.blobs = blobs
        self.target = target
        urls = IndexURLs(base: baseURL)
    }

    /// The serial the export in `target` reflects, or `nil` when there is none yet.
    public func exportedSerial() async throws -> Int64? {
        guard let bytes = try await target.read(Self.serialPath) else { return nil }
        guard let serial = Int64(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }) else {
            throw StaticExportError("\(Self.serialPath) does not hold a serial.")
        }
        return serial
    }

    /// Writes every visible project and the root index (a first export, or a repair: files
    /// already there are kept, everything else is rewritten).
    ///
    /// `alongside` writes what else belongs to this state of the export (the metadata snapshot)
    /// before the serial is recorded, so a reader that sees the serial sees all of it.
    public func exportAll(alongside: () async throws -> Void = {}) async throws -> Summary {
        let serial = try await store.maxSerial()
        var summary = Summary(serial: serial)
        let projects = try await store.projects()
        for project in projects {
            try await exportProject(project.normalizedName, into: &summary)
        }
        try await alongside()
        try await finish(at: serial, projects: projects)
        return summary
    }

    /// Brings the export up to the journal: rewrites the projects changed since the exported
    /// serial (all of them when there is no export yet). `nil` when nothing changed.
    public func update(alongside: () async throws -> Void = {}) async throws -> Summary? {
        guard let exported = try await exportedSerial() else { return try await exportAll(alongside: alongside) }
        let (changed, serial) = try await store.projectsChanged(after: exported)
        guard !changed.isEmpty else { return nil }
        var summary = Summary(serial: serial)
        for name in changed {
            try await exportProject(name, into: &summary)
        }
        try await alongside()
        try await finish(at: serial, projects: try await store.projects())
        return summary
    }

    /// The root index, then the serial: an interrupted run is done again.
    private func finish(at serial: Int64, projects: [Project]) async throws {
        let index = SimpleIndex(projects: projects, lastSerial: serial)
        try await target.write(index.html(), to: "simple/index.html", contentType: Self.htmlType)
        try await target.write(index.json(), to: "simple/index.v1_json", contentType: SimpleAPI.jsonContentType)
        try await target.write(Array("\(serial)\n".utf8), to: Self.serialPath, contentType: "text/plain")
    }

    /// Writes (or removes) everything of one project and records what it wrote.
    func exportProject(_ name: String, into summary: inout Summary) async throws {
        guard ProjectName.isValid(name), ProjectName.normalize(name) == name else { return }
        summary.projects += 1
        let manifestPath = "\(Self.stateDirectory)/projects/\(name)"
        let before = Set(
            (try await target.read(manifestPath)).map { String(decoding: $0, as: UTF8.self) }?
                .split(separator: "\n").map(String.init) ?? [])
        var written: [String] = []
        if let detail = try await store.projectDetail(normalizedName: name),
            let page = SimpleProjectPage(detail, urls: urls)
        {
            for file in detail.files {
                guard let key = BlobKey(storedPath: file.upload.blobPath) else { continue }
                let path = "packages/\(key.path)"
                if try await copy(key, to: path) { summary.files += 1 }
                written.append(path)
                if file.upload.metadataDigests != nil {
                    if try await copy(key.metadataKey, to: path + ".metadata") { summary.files += 1 }
                    written.append(path + ".metadata")
                }
            }
            let roles = try await store.roleHolders(projectID: detail.project.id)
            if let json = ProjectJSON(detail, roles: roles, urls: urls) {
                try await target.write(json.json(), to: "pypi/\(name)/json", contentType: "application/json")
                written.append("pypi/\(name)/json")
            }
            for release in detail.releases where Self.isPathSafe(release.version) {
                guard let json = ProjectJSON(detail, roles: roles, version: release.version, urls: urls) else {
                    continue
                }
                let path = "pypi/\(name)/\(release.version)/json"
                try await target.write(json.json(), to: path, contentType: "application/json")
                written.append(path)
            }
            try await target.write(
                page.html(), to: "simple/\(name)/index.html", contentType: Self.htmlType)
            try await target.write(
                page.json(), to: "simple/\(name)/index.v1_json", contentType: SimpleAPI.jsonContentType)
            written += ["simple/\(name)/index.html", "simple/\(name)/index.v1_json"]
        }
        for stale in before.subtracting(written).sorted() where Self.isExportPath(stale) {
            try await target.remove(stale)
            summary.removed += 1
        }
        if written.isEmpty {
            try await target.remove(manifestPath)
        } else {
            try await target.write(
                Array(written.joined(separator: "\n").utf8), to: manifestPath, contentType: "text/plain")
        }
    }

    /// Copies a blob unless `path` already holds it (paths are content-addressed); `true` when copied.
    private func copy(_ key: BlobKey, to path: String) async throws -> Bool {
        if try await target.exists(path) { return false }
        guard let size = try await blobs.size(of: key) else {
            throw StaticExportError("The stored file \(key.path) is missing from the blob store.")
        }
        try await target.write(
            try await blobs.read(key, range: nil), size: size, to: path, contentType: "application/octet-stream")
        return true
    }

    static let serialPath = "\(stateDirectory)/serial"

    /// A version usable as one path segment (not empty, no `/`, `\`, NUL, not `.` or `..`).
    static func isPathSafe(_ segment: String) -> Bool {
        !segment.isEmpty && segment != "." && segment != ".."
            && !segment.contains { $0 == "/" || $0 == "\\" || $0 == "\0" || $0 == "?" || $0 == "#" }
    }

    /// Whether a manifest line names a path the export writes (a damaged manifest cannot make
    /// the export remove anything else).
    static func isExportPath(_ path: String) -> Bool {
        (path.hasPrefix("simple/") || path.hasPrefix("packages/") || path.hasPrefix("pypi/"))
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == ".." || $0 == "."
            }
    }
}

/// A static export that cannot go on.
public struct StaticExportError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
