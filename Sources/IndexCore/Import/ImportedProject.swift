import PythonPackaging

/// A project to import (`cheeseshop import`): a name, and optionally its latest release's
/// version, summary and date. It gets no files; a mirror or an upload adds them later.
public struct ImportedProject: Hashable, Sendable {
    /// The name as registered.
    public var name: String
    /// The PEP 503 normalized name.
    public var normalizedName: String
    /// The release's version as written and its canonical form, when the project has one.
    public var version: (text: String, canonical: String)? {
        get { versionText.map { ($0, canonicalVersion ?? $0) } }
        set {
            versionText = newValue?.text
            canonicalVersion = newValue?.canonical
        }
    }
    var versionText: String?
    var canonicalVersion: String?
    /// The release's summary.
    public var summary: String?
    /// When the project (and its release) was created.
    public var created: Timestamp

    /// A project; `version` must be a valid PEP 440 version (else it is left out).
    public init(name: String, version: String?, summary: String?, created: Timestamp) {
        self.name = name
        self.normalizedName = ProjectName.normalize(name)
        if let version, let parsed = try? Version(parsing: version) {
            versionText = parsed.description
            canonicalVersion = parsed.canonicalized
        }
        self.summary = summary.flatMap { $0.isEmpty ? nil : $0 }
        self.created = created
    }

    public static func == (lhs: ImportedProject, rhs: ImportedProject) -> Bool {
        (lhs.name, lhs.normalizedName, lhs.versionText, lhs.canonicalVersion, lhs.summary, lhs.created)
            == (rhs.name, rhs.normalizedName, rhs.versionText, rhs.canonicalVersion, rhs.summary, rhs.created)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalizedName)
        hasher.combine(versionText)
    }

    /// The release the project gets, for the store and for search.
    public func release(id: ReleaseID, projectID: ProjectID) -> Release? {
        guard let versionText, let canonicalVersion else { return nil }
        var metadata = ReleaseMetadata()
        metadata.summary = summary
        return Release(
            id: id, projectID: projectID, version: versionText, canonicalVersion: canonicalVersion,
            metadata: metadata, created: created, uploader: nil)
    }
}

/// A store that creates many projects at once, far faster than one upload's transaction each.
public protocol ProjectImporting: Sendable {
    /// Creates each project of `batch` that does not exist yet (by normalized name; the first
    /// of a name in the batch wins), with its release, journal entries (`create`, `new
    /// release`) and search document, in one transaction. Returns how many were created.
    func importProjects(_ batch: [ImportedProject]) async throws -> Int
}
