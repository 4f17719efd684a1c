/// A report that a project is malicious, spam or a dependency confusion attack: filed from the
/// project page's report form or PyPI's observation API, and kept in the moderators' queue until
/// one of them resolves it.
public struct Observation: Hashable, Sendable {
    /// The row id (0 before it is stored).
    public var id: Int64
    /// The project's normalized name and its name as displayed when the report was filed.
    public var project: String
    public var projectName: String
    public var kind: ObservationKind
    /// What the reporter saw, as they wrote it.
    public var summary: String
    /// A link to the code in question, when given.
    public var inspectorURL: String
    /// Who filed it.
    public var reporterID: UserID?
    public var reporter: String
    public var created: Timestamp
    /// What a moderator decided, and who and when; `nil` while the report is open.
    public var resolution: ObservationResolution?
    public var resolvedBy: String
    public var resolved: Timestamp?

    /// Creates a report.
    public init(
        id: Int64 = 0, project: String, projectName: String, kind: ObservationKind, summary: String,
        inspectorURL: String = "", reporterID: UserID?, reporter: String, created: Timestamp,
        resolution: ObservationResolution? = nil, resolvedBy: String = "", resolved: Timestamp? = nil
    ) {
        self.id = id
        self.project = project
        self.projectName = projectName
        self.kind = kind
        self.summary = summary
        self.inspectorURL = inspectorURL
        self.reporterID = reporterID
        self.reporter = reporter
        self.created = created
        self.resolution = resolution
        self.resolvedBy = resolvedBy
        self.resolved = resolved
    }

    /// Whether no moderator has resolved it yet.
    public var isOpen: Bool { resolution == nil }
}

/// The kinds of observation PyPI's API takes, spelled as it spells them.
public enum ObservationKind: String, Hashable, Sendable, CaseIterable {
    case malware = "is_malware"
    case spam = "is_spam"
    case dependencyConfusion = "is_dependency_confusion"
    case somethingElse = "something_else"

    /// How the report form and the queue name it.
    public var label: String {
        switch self {
        case .malware: "Malware"
        case .spam: "Spam"
        case .dependencyConfusion: "Dependency confusion"
        case .somethingElse: "Something else"
        }
    }
}

/// How a moderator resolved a report.
public enum ObservationResolution: String, Hashable, Sendable, CaseIterable {
    /// The report was right and acted on (the project quarantined, for instance).
    case actioned
    /// Nothing wrong was found.
    case dismissed
}

/// One line of the administrators' audit log: who did what to what, from where.
public struct AdminLogEntry: Hashable, Sendable {
    /// The row id (0 before it is stored).
    public var id: Int64
    public var time: Timestamp
    /// The acting account's username, or `cli` for the operator at the command line.
    public var actor: String
    /// What was done, e.g. `user:freeze`, `project:quarantine`, `flag:set`.
    public var action: String
    /// What it was done to: a username, a project's normalized name, a flag, a report id.
    public var target: String
    /// Details (a reason, a flag's new value); never a secret.
    public var details: [String: String]

    /// Creates an entry.
    public init(
        id: Int64 = 0, time: Timestamp, actor: String, action: String, target: String,
        details: [String: String] = [:]
    ) {
        self.id = id
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.details = details
    }
}
