import IndexCore
import PythonPackaging

extension IndexStoreContract {
    static func projectsByName(_ store: any IndexStore) async throws {
        try await expect(store.projects().isEmpty, "a new store is empty")
        let created = try await store.write { tx in
            let zeta = try await tx.createProject(name: "Zeta", normalizedName: "zeta", created: t0)
            _ = try await tx.createProject(name: "Foo.Bar", normalizedName: "foo-bar", created: t0)
            try await expect(tx.project(normalizedName: "zeta") == zeta, "a transaction sees its own writes")
            return zeta
        }
        try expect(created.status == .active && created.lastSerial == 0, "new projects are active, serial 0")
        try await expect(store.project(normalizedName: "zeta") == created, "read back by normalized name")
        try await expect(store.project(normalizedName: "Zeta") == nil, "lookup is by normalized name")
        try await expect(store.projects().map(\.normalizedName) == ["foo-bar", "zeta"], "ordered by normalized name")
        try await expect(
            store.project(ultranormalizedName: ProjectName("f.o.o_bar").ultranormalized)?.name == "Foo.Bar",
            "lookup by ultranormalized name")
        try await expect(store.project(ultranormalizedName: "nothing") == nil, "no look-alike")
        try await expectConflict(.projectName("foo-bar")) {
            _ = try await store.write { tx in
                try await tx.createProject(name: "FOO_bar", normalizedName: "foo-bar", created: t0)
            }
        }
        try await store.write { tx in try await tx.setStatus(.archived, projectID: created.id) }
        try await expect(store.project(normalizedName: "zeta")?.status == .archived, "status is stored")
    }

    static func rollback(_ store: any IndexStore) async throws {
        struct Abort: Error {}
        do {
            _ = try await store.write { tx in
                let project = try await tx.createProject(name: "Demo", normalizedName: "demo", created: t0)
                let release = try await tx.createRelease(
                    projectID: project.id, version: "1.0", canonicalVersion: "1", metadata: ReleaseMetadata(),
                    created: t0, uploader: nil)
                _ = try await tx.addFile(upload("demo-1.0-py3-none-any.whl", seed: 1), to: release.id)
                _ = try await tx.appendJournal(
                    normalizedName: "demo", projectName: "Demo", version: nil, action: "create", time: t0, actor: nil)
                throw Abort()
            }
            throw ContractViolation(message: "the error is rethrown", line: #line)
        } catch is Abort {}
        try await expect(store.projects().isEmpty, "no project after a rollback")
        try await expect(store.maxSerial() == 0, "no journal entry after a rollback")
        try await expect(!store.filenameWasUsed("demo-1.0-py3-none-any.whl"), "no registered filename after a rollback")
        try await expect(store.file(filename: "demo-1.0-py3-none-any.whl") == nil, "no file after a rollback")
    }

    static func releasesAndFiles(_ store: any IndexStore) async throws {
        let (project, release) = try await projectWithRelease(store)
        try expect(release.canonicalVersion == "1" && !release.yanked, "release fields")
        try await expectConflict(.release("1")) {
            _ = try await store.write { tx in
                try await tx.createRelease(
                    projectID: project.id, version: "1.0.0", canonicalVersion: "1", metadata: ReleaseMetadata(),
                    created: t0, uploader: nil)
            }
        }
        let wheel = upload("demo-1.0-py3-none-any.whl", seed: 1, size: 300)
        let sdist = upload("demo-1.0.tar.gz", seed: 2, type: .sdist, size: 200)
        let (first, second, found) = try await store.write { tx in
            let found = try await tx.release(projectID: project.id, canonicalVersion: "1")
            return (
                try await tx.addFile(wheel, to: release.id), try await tx.addFile(sdist, to: release.id), found
            )
        }
        try expect(found == release, "a transaction finds the release by canonical version")
        try expect(first.upload == wheel && first.releaseID == release.id, "file fields read back")
        let detail = try await store.projectDetail(normalizedName: "demo")
        try expect(detail?.project.id == project.id, "detail has the project")
        try expect(detail?.releases == [release], "detail has the releases with their metadata")
        try expect(detail?.files == [first, second], "detail has the files in id order")
        try await expect(store.projectDetail(normalizedName: "other") == nil, "no detail for an unknown project")
        try await expect(store.file(blobPath: wheel.blobPath) == first, "file by blob path")
        try await expect(store.file(filename: sdist.filename) == second, "file by filename")
        try await expect(store.file(blake2b256: sdist.digests.blake2b256) == second, "file by blake2b-256")
        try await expect(store.totalSize(projectID: project.id) == 500, "total size sums the files")
        try await expect(store.filenameWasUsed(wheel.filename), "added filenames are registered")
    }
}

extension IndexStoreContract {
    /// `projectDetails(normalizedNames:)` reads many projects at once, exactly as one at a time.
    static func manyProjectDetails(_ store: any IndexStore) async throws {
        let (demo, demoRelease) = try await projectWithRelease(store, name: "Demo")
        let (other, _) = try await projectWithRelease(store, name: "Other.Thing", version: "2.0")
        try await store.write { tx in
            let later = try await tx.createRelease(
                projectID: other.id, version: "3.0", canonicalVersion: "3", metadata: ReleaseMetadata(), created: t0,
                uploader: nil)
            _ = try await tx.addFile(upload("demo-1.0-py3-none-any.whl", seed: 1), to: demoRelease.id)
            _ = try await tx.addFile(upload("other_thing-3.0.tar.gz", seed: 2, type: .sdist), to: later.id)
            _ = try await tx.addFile(upload("demo-1.0.tar.gz", seed: 3, type: .sdist), to: demoRelease.id)
            _ = try await tx.createProject(name: "bare", normalizedName: "bare", created: t0)
        }
        let names = ["other-thing", "missing", "demo", "bare"]
        let details = try await store.projectDetails(normalizedNames: names)
        try expect(details.map(\.project.normalizedName) == ["other-thing", "demo", "bare"], "asked order, known only")
        for detail in details {
            let one = try await store.projectDetail(normalizedName: detail.project.normalizedName)
            try expect(detail == one, "\(detail.project.name) reads as it does alone")
        }
        try expect(details[0].releases.count == 2 && details[0].files.count == 1, "each project its own rows")
        try expect(details[1].project.id == demo.id && details[1].files.count == 2, "files of the right project")
        try expect(details[2].releases.isEmpty && details[2].files.isEmpty, "a project without releases")
        try await expect(store.projectDetails(normalizedNames: []).isEmpty, "nothing asked, nothing read")
        try await expect(store.projectDetails(normalizedNames: ["missing"]).isEmpty, "only unknown names")
    }
}
