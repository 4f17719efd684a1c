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

    /// The keys of the pages `entries` alter, each once, in a stable order: every change
    /// alters its project's pages, the simple index (which carries each project's serial), the
    /// home page and search results; a role change also alters the user's page.
    public static func purged(by entries: [JournalEntry]) -> [String] {
        var keys: [String] = []
        var seen: Set<String> = []
        func add(_ key: String) {
            if seen.insert(key).inserted { keys.append(key) }
        }
        for entry in entries {
            add(project(ProjectName.normalize(entry.projectName)))
            if let username = roleChangeUsername(entry.action) { add(user(username)) }
        }
        if !entries.isEmpty {
            add(allProjects)
            add(home)
            add(search)
        }
        return keys
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
