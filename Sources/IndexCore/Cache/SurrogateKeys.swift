import PythonPackaging

/// The cache tags (Fastly's surrogate keys) of the public pages, and which of them a change
/// alters (Warehouse's `packaging/__init__.py` keys): what a purge names.
public enum SurrogateKeys {
    /// The simple index `/simple/` (both formats).
    public static let allProjects = "all-projects"
    /// Every JSON API document (for a purge of them all).
    public static let allLegacyJSON = "all-legacy-json"
    /// The home page (figures, recent releases).
    public static let home = "home"
    /// Search result pages.
    public static let search = "search"

    /// Every page of one project: its simple page, JSON documents, web pages, and the user
    /// pages that list it.
    public static func project(_ normalizedName: String) -> String { "project/\(normalizedName)" }

    /// A user's public page.
    public static func user(_ username: String) -> String { "user/\(username)" }

    /// An organization's public page (`/org/<name>/`).
    public static func organization(_ normalizedName: String) -> String { "org/\(normalizedName)" }

    /// The keys of the pages `entries` alter, each once, in a stable order: every change
    /// alters its project's pages, the simple index (which carries each project's serial), the
    /// home page and search results; a role change also alters the user's page, a transfer the
    /// organizations' pages.
    public static func purged(by entries: [JournalEntry]) -> [String] {
        var keys: [String] = []
        var seen: Set<String> = []
        func add(_ key: String) {
            if seen.insert(key).inserted { keys.append(key) }
        }
        for entry in entries {
            add(project(ProjectName.normalize(entry.projectName)))
            if let username = roleChangeUsername(entry.action) { add(user(username)) }
            if let name = organizationChangeName(entry.action) { add(organization(name)) }
        }
        if !entries.isEmpty {
            add(allProjects)
            add(home)
            add(search)
        }
        return keys
    }

    /// The organization an action such as `add to organization acme` or `remove from
    /// organization acme` (a transfer, ``ManageOrganizations/transfer(project:to:by:)``) names.
    static func organizationChangeName(_ action: String) -> String? {
        let words = action.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 4, words[2] == "organization",
            (words[0] == "add" && words[1] == "to") || (words[0] == "remove" && words[1] == "from")
        else { return nil }
        return String(words[3])
    }

    /// The user an action such as `add Owner alice` or `remove Maintainer bob` names.
    static func roleChangeUsername(_ action: String) -> String? {
        let words = action.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 3, ["add", "remove", "change", "accepted", "invite"].contains(words[0]),
            ["Owner", "Maintainer"].contains(words[1])
        else { return nil }
        return String(words[2])
    }
}
