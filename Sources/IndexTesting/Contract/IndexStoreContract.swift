import IndexCore
import PythonPackaging

/// The behaviour every ``IndexStore`` must have (DESIGN.md §7: one contract suite per port).
///
/// Run each of ``checks`` on a fresh, empty store; a failed check throws a
/// ``ContractViolation``:
///
/// ```swift
/// @Test(arguments: IndexStoreContract.checks)
/// func contract(_ check: IndexStoreContract.Check) async throws {
///     try await check.run(InMemoryIndexStore())
/// }
/// ```
public enum IndexStoreContract {
    /// One named check.
    public struct Check: Sendable, CustomStringConvertible {
        /// What it checks.
        public let name: String
        /// Runs the check on an empty store.
        public let run: @Sendable (any IndexStore) async throws -> Void

        public var description: String { name }
    }

    /// Every check.
    public static let checks: [Check] = [
        Check(name: "projects are unique by normalized name", run: projectsByName),
        Check(name: "a failed transaction stores nothing", run: rollback),
        Check(name: "releases and files read back", run: releasesAndFiles),
        Check(name: "many project details in one read", run: manyProjectDetails),
        Check(name: "files are unique by name, digest and path; one sdist per release", run: fileUniqueness),
        Check(name: "the filename registry outlives deletions", run: filenameRegistry),
        Check(name: "journal serials increase and bump the project", run: journal),
        Check(name: "users, tokens and roles", run: usersTokensRoles),
        Check(name: "account security fields, sessions, recovery codes", run: accountSecurity),
        Check(name: "security events, JWT ids, reserved names", run: eventsAndReservations),
        Check(name: "trusted publishers, roles of a user, invitations", run: publishersRolesInvitations),
        Check(name: "organizations, teams, team roles, transfer", run: organizations),
        Check(name: "yank and unyank", run: yank),
        Check(name: "concurrent writes are serializable", run: concurrentWrites),
        Check(name: "search by name, summary, keywords and classifiers", run: searchByText),
        Check(name: "search follows yanks and deletions", run: searchFollowsReleases),
        Check(name: "downloads rank search; recent releases; figures", run: searchDownloadsAndFigures),
        Check(name: "download statistics: rows add up, totals, logs counted once, pruning", run: downloadStatistics),
        Check(name: "outbox: due order, leases, retries, giving up", run: outbox),
        Check(name: "outbox: concurrent claimers take each job once", run: outboxClaimsOnce),
        Check(name: "purges follow the journal once", run: purgesFollowTheJournal),
        Check(name: "webhooks: subscriptions, bounded delivery logs", run: webhooks),
        Check(name: "webhook deliveries follow the journal once", run: webhooksFollowTheJournal),
        Check(name: "bulk import of projects", run: importProjects),
        Check(name: "site roles, reports, the audit log", run: moderation),
    ]
}
