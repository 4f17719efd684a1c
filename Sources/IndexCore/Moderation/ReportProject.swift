import PythonPackaging

/// Files a report about a project: from its page's report form (any account with a verified
/// address) or PyPI's observation API (observers, moderators and administrators). The report
/// waits in the moderators' queue; it changes nothing about the project by itself.
public struct ReportProject: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// The longest summary taken, in characters.
    public static let maximumSummary = 2000

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// Where a report comes from; the API asks more of the reporter than the form.
    public enum Channel: Sendable {
        case form, api
    }

    /// Files the report; returns it as stored.
    public func callAsFunction(
        project name: String, kind: String, summary: String, inspectorURL: String = "", by reporter: User,
        via channel: Channel
    ) async throws -> Observation {
        switch channel {
        case .api:
            guard reporter.siteRole >= .observer else {
                throw ManageError(.forbidden, "The user '\(reporter.username)' isn't allowed to submit observations.")
            }
        case .form:
            guard reporter.emailVerified else {
                throw ManageError(.forbidden, "Verify your email address before reporting a project.")
            }
        }
        guard let kind = ObservationKind(rawValue: kind) else {
            let kinds = ObservationKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ManageError(.invalid, "Invalid observation kind '\(kind)': use one of \(kinds).")
        }
        let summary = summary.trimmingWhitespace()
        guard !summary.isEmpty else { throw ManageError(.invalid, "Give a summary of what you observed.") }
        guard summary.count <= Self.maximumSummary else {
            throw ManageError(.invalid, "The summary is too long: at most \(Self.maximumSummary) characters.")
        }
        let link = inspectorURL.trimmingWhitespace()
        guard link.isEmpty || (link.count <= 500 && (link.hasPrefix("https://") || link.hasPrefix("http://"))) else {
            throw ManageError(.invalid, "The inspector URL must be an http or https URL of at most 500 characters.")
        }
        guard let project = try await store.project(normalizedName: ProjectName.normalize(name)) else {
            throw ManageError.projectNotFound(name)
        }
        let open = try await store.observations(project: project.normalizedName, limit: 1000)
        guard !open.contains(where: { $0.isOpen && $0.reporterID == reporter.id }) else {
            throw ManageError(
                .conflict, "You have already reported '\(project.name)'; a moderator will look at your report.")
        }
        var observation = Observation(
            project: project.normalizedName, projectName: project.name, kind: kind, summary: summary,
            inspectorURL: link, reporterID: reporter.id, reporter: reporter.username, created: clock.now())
        observation.id = try await store.write { [observation] tx in try await tx.addObservation(observation) }
        return observation
    }
}
