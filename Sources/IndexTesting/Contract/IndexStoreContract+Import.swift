import IndexCore

extension IndexStoreContract {
    /// Bulk import: new projects with release, journal and search; existing names untouched.
    static func importProjects(_ store: any IndexStore) async throws {
        guard let importer = store as? any ProjectImporting else {
            throw ContractViolation(message: "the store cannot import projects", line: #line)
        }
        _ = try await projectWithRelease(store, name: "Demo")
        let before = try await store.maxSerial()
        let batch = [
            ImportedProject(name: "Zope.Interface", version: "6.0.0", summary: "Interfaces for Python", created: t0),
            ImportedProject(name: "demo", version: "9.0", summary: "Not imported: the name exists", created: t0),
            ImportedProject(name: "bare", version: nil, summary: nil, created: t0),
            ImportedProject(name: "legacy", version: "1.0-beta-foo", summary: "odd version", created: t0),
            ImportedProject(name: "zope-interface", version: "1.0", summary: "Not imported: same name", created: t0),
        ]
        try await expect(importer.importProjects(batch) == 3, "three new projects")
        try await expect(importer.importProjects(batch) == 0, "importing again creates nothing")
        let zope = try await store.projectDetail(normalizedName: "zope-interface")
        try expect(zope?.project.name == "Zope.Interface", "the first of a name wins")
        try expect(zope?.releases.map(\.version) == ["6.0.0"], "its release")
        try expect(zope?.releases.first?.canonicalVersion == "6", "canonical version")
        try expect(zope?.releases.first?.metadata.summary == "Interfaces for Python", "summary")
        try expect(zope?.files.isEmpty == true, "no files")
        try await expect(store.projectDetail(normalizedName: "bare")?.releases.isEmpty == true, "a bare name")
        try await expect(
            store.projectDetail(normalizedName: "legacy")?.releases.isEmpty == true, "invalid version left out")
        try await expect(
            store.projectDetail(normalizedName: "demo")?.releases.map(\.version) == ["1.0"], "demo untouched")
        let entries = try await store.journal(after: before, limit: 100)
        try expect(
            entries.map(\.action) == ["create", "new release", "create", "create"]
                && entries.map(\.serial) == entries.map(\.serial).sorted(),
            "journal: \(entries.map(\.action))")
        try expect(zope?.project.lastSerial == entries[1].serial, "the project's serial is its last entry")
        let found = try await store.search(SearchQuery(text: "interface"))
        try expect(found.hits.map(\.normalizedName) == ["zope-interface"], "imported projects are found")
    }
}
