/// Whether a hosted project's simple page also lists the files an upstream index has of the same
/// name (`serve --upstream`). Off by default: a hosted project wins whole, so nobody can slip a
/// file into its installs by publishing the name upstream (dependency confusion). Its Owners turn
/// it on for a project that is meant to continue a public one. The names are kept in the
/// deployment setting ``settingName``, one per line.
public struct UpstreamMerge: Sendable {
    /// The deployment setting holding the merged projects.
    public static let settingName = "upstream-merge"

    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// The merged projects in the setting's text.
    public static func names(_ setting: String?) -> Set<String> {
        Set((setting ?? "").split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty })
    }

    /// Allows (`true`) or stops (`false`) merging the project with upstream (Owners only).
    public func callAsFunction(project name: String, merged: Bool, by actor: User) async throws -> ManageResult {
        let managed = try await ManagedProject.load(
            name, store: store, actor: actor, allowed: [.owner],
            action: merged ? "merge with upstream" : "stop merging with upstream")
        let project = managed.project
        let now = clock.now()
        let serial = try await managed.write(
            store: store, clock: clock, actor: actor, version: nil,
            action: merged ? "allow upstream merge" : "disallow upstream merge", missing: .projectNotFound(name),
            logsItself: true
        ) { tx in
            var names = Self.names(try await tx.setting(Self.settingName))
            if merged {
                names.insert(project.normalizedName)
            } else {
                names.remove(project.normalizedName)
            }
            try await tx.setSetting(Self.settingName, to: names.sorted().joined(separator: "\n"))
            try await tx.appendEvent(
                SecurityEvent(
                    userID: actor.id, project: project.normalizedName,
                    tag: merged ? "project:upstream-merge:allow" : "project:upstream-merge:disallow", time: now))
        }
        return ManageResult(serial: serial)
    }
}
