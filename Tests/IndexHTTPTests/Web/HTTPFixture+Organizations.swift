import Hummingbird
import IndexCore
import IndexTesting

@testable import IndexHTTP

/// Helpers of the organization page tests: projects uploaded by a given user, the
/// organization's whole state (to show that a refusal changed nothing), the purge jobs queued.
extension HTTPFixture {
    var organizations: ManageOrganizations { ManageOrganizations(store: store, clock: clock) }

    /// Uploads `name` 1.0 as a wheel with `summary`, as `user` (who becomes its Owner).
    func upload(_ name: String, by user: User, summary: String) async throws {
        var builder = DistributionBuilder(name: name)
        builder.extraHeaders = ["Summary: \(summary)"]
        let wheel = builder.wheel()
        let (blob, digests) = try await blobs.staged(wheel.bytes)
        var form = builder.form()
        form["sha256_digest"] = [digests.sha256]
        form["summary"] = [summary]
        _ = try await UploadDistribution(
            store: store, blobs: blobs, clock: clock, descriptions: ReadmeDescriptionRendering())(
                UploadRequest(
                    form: form,
                    content: UploadContent(
                        filename: wheel.filename, contentType: "application/octet-stream", blob: blob, digests: digests),
                    identity: UploadIdentity(user: user)))
    }

    /// Everything about the organization `name` and its projects: members, teams, team members,
    /// team roles; and which organization each of `projects` belongs to.
    func organizationState(_ name: String, projects: [String] = []) async throws -> OrganizationState {
        var state = OrganizationState()
        if let organization = try await store.organization(normalizedName: name) {
            state.members = try await store.organizationRoles(organizationID: organization.id)
                .map { "\($0.userID.rawValue):\($0.kind.rawValue)" }
            for team in try await store.teams(organizationID: organization.id) {
                state.teams.append(
                    "\(team.name): "
                        + (try await store.teamMembers(teamID: team.id)).map(\.description).joined(separator: ","))
            }
        }
        for project in projects {
            guard let found = try await store.project(normalizedName: project) else { continue }
            state.projects.append("\(project) in \(try await store.organization(projectID: found.id)?.name ?? "none")")
            for role in try await store.teamRoles(projectID: found.id) {
                state.teamRoles.append("\(project): team \(role.teamID) \(role.kind.rawValue)")
            }
        }
        return state
    }

    /// The keys of every purge job in the outbox, claimed (so each is seen once).
    func claimPurges() async throws -> [[String]] {
        var found: [[String]] = []
        while let claimed = try await store.claim(now: clock.now(), lease: 60) {
            if claimed.job.kind == PurgeJobs.kind {
                found.append(claimed.job.payload.split(separator: "\n").map(String.init))
            }
            try await store.complete(claimed.id)
        }
        return found
    }

    /// The application with organization changes purging a cache in front (as `ServerRoot`
    /// builds it when a purger is configured).
    var purgingApplication: some ApplicationProtocol {
        let configuration = IndexServerConfiguration(
            baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20))
        var cases = useCases(configuration, store: store, blobs: blobs, clock: clock, security: security)
        cases.organizations.purgesCaches = true
        return IndexHTTP.buildApplication(
            configuration: configuration, store: store, blobs: blobs, clock: clock, useCases: cases, security: security)
    }
}

/// An organization's state as comparable text.
struct OrganizationState: Equatable, CustomStringConvertible {
    var members: [String] = []
    var teams: [String] = []
    var projects: [String] = []
    var teamRoles: [String] = []

    var description: String { "members \(members) teams \(teams) projects \(projects) team roles \(teamRoles)" }
}
