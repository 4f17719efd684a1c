import PythonPackaging

extension IndexStore {
    /// The projects the journal names after `serial` (normalized, each once, in journal order)
    /// and the last serial read: what a follower of the journal (the static export, the
    /// metadata snapshot) rewrites to catch up.
    public func projectsChanged(after serial: Int64) async throws -> (names: [String], serial: Int64) {
        var serial = serial
        var names: [String] = []
        var seen: Set<String> = []
        while true {
            let entries = try await journal(after: serial, limit: 1_000)
            for entry in entries {
                let name = ProjectName.normalize(entry.projectName)
                if seen.insert(name).inserted { names.append(name) }
                serial = max(serial, entry.serial)
            }
            if entries.count < 1_000 { return (names, serial) }
        }
    }
}
