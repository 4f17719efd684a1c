import IndexCore
import PythonPackaging

extension IndexStoreContract {
    /// Creates a project with one release per `(version, summary)`, in order.
    static func searchable(
        _ store: any IndexStore, _ name: String, _ releases: [(String, String)], keywords: [String] = [],
        classifiers: [String] = []
    ) async throws -> Project {
        try await store.write { tx in
            let project = try await tx.createProject(
                name: name, normalizedName: ProjectName.normalize(name), created: t0)
            for (offset, (version, summary)) in releases.enumerated() {
                var metadata = ReleaseMetadata()
                metadata.summary = summary
                metadata.keywords = keywords
                metadata.classifiers = classifiers
                _ = try await tx.createRelease(
                    projectID: project.id, version: version, canonicalVersion: Version.canonicalize(version),
                    metadata: metadata, created: Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + Double(offset)),
                    uploader: nil)
            }
            return project
        }
    }

    static func names(_ store: any IndexStore, _ text: String, classifiers: [String] = []) async throws -> [String] {
        try await store.search(SearchQuery(text: text, classifiers: classifiers)).hits.map(\.name)
    }

    static func searchByText(_ store: any IndexStore) async throws {
        let django = "Framework :: Django"
        _ = try await searchable(
            store, "django-rest-framework", [("3.0", "Web APIs for Django")], keywords: ["api", "rest"],
            classifiers: [django])
        _ = try await searchable(store, "Django", [("5.0", "A high-level Python web framework")], classifiers: [django])
        _ = try await searchable(store, "requests", [("2.32.0", "Python HTTP for Humans.")], keywords: ["http"])
        _ = try await searchable(store, "flask", [("3.0", "A simple framework for building web applications")])
        try expect(try await names(store, "django") == ["Django", "django-rest-framework"], "exact name first")
        try expect(try await names(store, "rest") == ["django-rest-framework"], "a word of a hyphenated name")
        try expect(try await names(store, "HUMANS") == ["requests"], "summary words, any case")
        try expect(try await names(store, "req") == ["requests"], "word prefixes")
        try expect(try await names(store, "web framework").count == 3, "every term must match")
        try expect(try await names(store, "http").first == "requests", "keywords")
        try expect(try await names(store, "framework", classifiers: [django]).count == 2, "classifier filter")
        try expect(try await names(store, "", classifiers: [django]).count == 2, "browse by classifier")
        try expect(try await names(store, "Framework :: Djang", classifiers: ["Framework :: Djang"]).isEmpty,
            "a classifier filter matches whole classifiers")
        try expect(try await names(store, "").isEmpty, "no query, no classifier: nothing")
        for hostile in ["\"", "*", "django OR flask", "NEAR(a b)", "-django", "name:django", "'; DROP TABLE x; --", "^"] {
            _ = try await names(store, hostile)
        }
        try expect(try await names(store, "\"django\"") == ["Django", "django-rest-framework"], "quotes are ignored")
        let page = try await store.search(SearchQuery(text: "web", page: 2, perPage: 1))
        try expect(page.total == 3 && page.hits.count == 1, "pages: \(page)")
    }

    static func searchFollowsReleases(_ store: any IndexStore) async throws {
        let project = try await searchable(store, "Spam", [("1.0", "old eggs"), ("2.0", "new ham")])
        let (ham, eggs) = (try await names(store, "ham"), try await names(store, "eggs"))
        try expect(ham == ["Spam"] && eggs.isEmpty, "the latest release's summary")
        let releases = try await store.projectDetail(normalizedName: "spam")?.releases ?? []
        let latest = try requireValue(releases.last, "release")
        try await store.write { try await $0.yankRelease(id: latest.id, reason: "") }
        try expect(try await names(store, "eggs") == ["Spam"], "a yanked latest release gives way")
        try await store.write { try await $0.unyankRelease(id: latest.id) }
        try expect(try await names(store, "ham") == ["Spam"], "unyanked again")
        try await store.write { try await $0.deleteRelease(id: latest.id) }
        let hit = try await store.search(SearchQuery(text: "spam")).hits.first
        try expect(hit?.version == "1.0" && hit?.summary == "old eggs", "deleted release: \(String(describing: hit))")
        try await store.write { try await $0.deleteProject(id: project.id) }
        try expect(try await names(store, "spam").isEmpty, "a deleted project is not found")
    }

    static func searchDownloadsAndFigures(_ store: any IndexStore) async throws {
        _ = try await searchable(store, "alpha-tool", [("1.0", "A tool")])
        let beta = try await searchable(store, "beta-tool", [("1.0", "A tool"), ("1.1", "A tool")])
        try await store.write { tx in
            let release = try await tx.release(projectID: beta.id, canonicalVersion: "1.1")
            _ = try await tx.addFile(upload("beta_tool-1.1-py3-none-any.whl", seed: 1), to: try requireValue(release?.id, "release"))
        }
        try expect(try await names(store, "tool") == ["alpha-tool", "beta-tool"], "equal relevance: by name")
        try await store.recordDownloads(["beta_tool-1.1-py3-none-any.whl": 500, "gone-1.0.tar.gz": 3], day: 20_000)
        try await store.recordDownloads(["beta_tool-1.1-py3-none-any.whl": 500], day: 20_001)
        try expect(try await names(store, "tool") == ["beta-tool", "alpha-tool"], "downloads break the tie")
        try expect(try await store.search(SearchQuery(text: "beta")).hits.first?.downloads == 1000, "30-day sum")
        let recent = try await store.recentReleases(limit: 2)
        try expect(recent.map(\.version) == ["1.1", "1.0"] && recent.first?.name == "beta-tool", "recent: \(recent)")
        let figures = try await store.statistics()
        try expect(figures == IndexStatistics(projects: 2, releases: 3, files: 1, users: 0), "figures: \(figures)")
        let newest = try await store.newestProjects(limit: 5)
        try expect(
            newest.map(\.name) == ["beta-tool", "alpha-tool"] && newest.first?.version == "1.1"
                && newest.first?.summary == "A tool", "newest projects: \(newest)")
        try await store.write { tx in try await tx.setStatus(.quarantined, projectID: beta.id) }
        try expect(try await store.recentReleases(limit: 5).map(\.name) == ["alpha-tool"], "a quarantined project's releases are not recent")
        try expect(try await store.newestProjects(limit: 5).map(\.name) == ["alpha-tool"], "nor is it a newest project")
    }
}

func requireValue<T>(_ value: T?, _ what: String, line: Int = #line) throws -> T {
    guard let value else { throw ContractViolation(message: "no \(what)", line: line) }
    return value
}
