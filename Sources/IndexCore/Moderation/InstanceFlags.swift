/// The switches administrators turn on for the whole index during an attack or maintenance
/// (Warehouse's admin flags), stored as deployment settings so every node follows them.
/// Read-only mode is ``ReadOnlyMode``; these refuse one kind of change each.
public enum InstanceFlag: String, Hashable, Sendable, CaseIterable {
    /// No new accounts are registered through the web pages.
    case disallowRegistration = "disallow-new-user-registration"
    /// No upload may create a project.
    case disallowNewProjects = "disallow-new-project-registration"
    /// No upload is taken at all.
    case disallowUploads = "disallow-new-upload"
    /// Every change is refused (the same setting as `cheeseshop read-only`).
    case readOnly = "read-only"

    /// The settings row that holds the flag.
    public var settingName: String { self == .readOnly ? ReadOnlyMode.settingName : "flag:\(rawValue)" }

    /// What the flag does, for the admin page and the CLI.
    public var summary: String {
        switch self {
        case .disallowRegistration: "Refuse new account registrations"
        case .disallowNewProjects: "Refuse uploads that would create a project"
        case .disallowUploads: "Refuse every upload"
        case .readOnly: "Read-only mode: refuse every change"
        }
    }

    /// Whether the flag is on in `store`.
    public func isOn(in store: any IndexStore) async throws -> Bool {
        ReadOnlyMode.isOn(try await store.setting(settingName))
    }

    /// Warehouse's message for a refused upload.
    public static let uploadsDisabledMessage =
        "New uploads are temporarily disabled. See /help/#admin-intervention for more information."
    /// Warehouse's message for a refused new project.
    public static let newProjectsDisabledMessage =
        "New project registration temporarily disabled. See /help/#admin-intervention for more information."
    /// Warehouse's message for a refused registration.
    public static let registrationDisabledMessage =
        "New user registration temporarily disabled. See /help/#admin-intervention for details."
}
