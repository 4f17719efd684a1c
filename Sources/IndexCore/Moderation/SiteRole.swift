/// What an account may do on the whole index, beyond its projects: PyPI's observers (who file
/// malware reports through the observation API), moderators (the reports queue and quarantine)
/// and administrators (everything, users and instance flags included).
public enum SiteRole: String, Hashable, Sendable, CaseIterable, Comparable {
    case none = ""
    case observer
    case moderator
    case administrator

    /// The role written as the CLI and the API take it (`none` for no role).
    public init?(name: String) {
        if name == "none" {
            self = .none
        } else if let role = SiteRole(rawValue: name), role != .none {
            self = role
        } else {
            return nil
        }
    }

    /// The role's name for people and the API.
    public var name: String { self == .none ? "none" : rawValue }

    /// Each role may do what the roles below it may.
    public static func < (lhs: SiteRole, rhs: SiteRole) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .none: 0
        case .observer: 1
        case .moderator: 2
        case .administrator: 3
        }
    }
}
