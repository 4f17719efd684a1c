import PythonPackaging

/// What search knows of a project: its name and its latest release's summary, keywords and
/// classifiers (Warehouse indexes the latest release the same way).
public struct SearchDocument: Hashable, Sendable {
    /// The project's name as registered.
    public var name: String
    /// The PEP 503 normalized name.
    public var normalizedName: String
    /// The latest release's version.
    public var version: String
    /// Its summary ("" when none).
    public var summary: String
    /// Its keywords, space separated.
    public var keywords: String
    /// Its classifiers.
    public var classifiers: [String]
    /// When it was created.
    public var released: Timestamp

    /// The document of `project` from its releases; `nil` when it has none.
    public init?(project: Project, releases: [Release]) {
        guard let latest = ProjectJSON.latestRelease(releases) else { return nil }
        name = project.name
        normalizedName = project.normalizedName
        version = latest.version
        summary = latest.metadata.summary ?? ""
        keywords = latest.metadata.keywords.joined(separator: " ")
        classifiers = latest.metadata.classifiers
        released = latest.created
    }

    /// The classifiers as stored: one per line, with a newline before the first and after the
    /// last, so `"\n" + classifier + "\n"` finds exactly one classifier.
    public var classifierLines: String {
        classifiers.isEmpty ? "" : "\n" + classifiers.joined(separator: "\n") + "\n"
    }
}
