/// The project caveats of a presented token, checked when the project is known (a token for
/// project A may not touch B, nor create a new project).
public struct TokenScope: Hashable, Sendable {
    /// The project-name and project-id caveats; every one must allow the project.
    public var caveats: [TokenCaveat]

    /// A scope from project caveats (others are ignored).
    public init(caveats: [TokenCaveat] = []) {
        self.caveats = caveats.filter { caveat in
            switch caveat {
            case .projectNames, .projectIDs: true
            default: false
            }
        }
    }

    /// A scope of these project names (normalized); empty means unrestricted.
    public init(projects: [String]) {
        self.init(caveats: projects.isEmpty ? [] : [.projectNames(projects)])
    }

    /// Whether some caveat limits the token to some projects.
    public var isProjectScoped: Bool { !caveats.isEmpty }

    /// Whether the token may act on `project`.
    public func permits(_ project: Project, now: Timestamp) -> Bool {
        let context = CaveatContext(now: now, project: (project.normalizedName, project.id))
        return caveats.allSatisfy { $0.failure(in: context) == nil }
    }
}
