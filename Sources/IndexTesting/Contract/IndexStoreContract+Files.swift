import IndexCore
import PythonPackaging

extension IndexStoreContract {
    static func fileUniqueness(_ store: any IndexStore) async throws {
        let (project, release) = try await projectWithRelease(store)
        let original = upload("demo-1.0-py3-none-any.whl", seed: 1)
        _ = try await store.write { tx in
            _ = try await tx.addFile(original, to: release.id)
            _ = try await tx.addFile(upload("demo-1.0.tar.gz", seed: 2, type: .sdist), to: release.id)
        }
        try await expectConflict(.filename(original.filename)) {
            _ = try await store.write { tx in
                try await tx.addFile(upload(original.filename, seed: 3), to: release.id)
            }
        }
        let other = upload("demo-1.0-py2-none-any.whl", seed: 3)
        for (digests, value) in [
            (
                DistributionDigests(
                    md5: original.digests.md5, sha256: other.digests.sha256, blake2b256: other.digests.blake2b256),
                original.digests.md5
            ),
            (
                DistributionDigests(
                    md5: other.digests.md5, sha256: original.digests.sha256, blake2b256: other.digests.blake2b256),
                original.digests.sha256
            ),
            (
                DistributionDigests(
                    md5: other.digests.md5, sha256: other.digests.sha256, blake2b256: original.digests.blake2b256),
                original.digests.blake2b256
            ),
        ] {
            var clash = other
            clash.digests = digests
            try await expectConflict(.digest(value)) {
                _ = try await store.write { tx in try await tx.addFile(clash, to: release.id) }
            }
        }
        var samePath = other
        samePath.blobPath = original.blobPath
        try await expectConflict(.digest(original.blobPath)) {
            _ = try await store.write { tx in try await tx.addFile(samePath, to: release.id) }
        }
        try await expectConflict(.sdistPerRelease) {
            _ = try await store.write { tx in
                try await tx.addFile(upload("demo-1.0.zip", seed: 4, type: .sdist), to: release.id)
            }
        }
        let second = try await store.write { tx in
            try await tx.createRelease(
                projectID: project.id, version: "2.0", canonicalVersion: "2", metadata: ReleaseMetadata(),
                created: t0, uploader: nil)
        }
        _ = try await store.write { tx in
            try await tx.addFile(upload("demo-2.0.tar.gz", seed: 5, type: .sdist), to: second.id)
        }
        try await expect(store.projectDetail(normalizedName: "demo")?.files.count == 3, "refused files left no row")
        try await expect(!store.filenameWasUsed("demo-1.0.zip"), "refused files left no registered filename")
    }

    static func filenameRegistry(_ store: any IndexStore) async throws {
        let (project, release) = try await projectWithRelease(store)
        let wheel = upload("demo-1.0-py3-none-any.whl", seed: 1)
        let file = try await store.write { tx in try await tx.addFile(wheel, to: release.id) }
        try await store.write { tx in try await tx.deleteFile(id: file.id) }
        try await expect(store.file(filename: wheel.filename) == nil, "the file row is gone")
        try await expect(store.filenameWasUsed(wheel.filename), "the filename stays registered")
        try await expectConflict(.filenameRegistered(wheel.filename)) {
            _ = try await store.write { tx in try await tx.addFile(upload(wheel.filename, seed: 2), to: release.id) }
        }
        _ = try await store.write { tx in
            try await tx.addFile(upload("demo-1.0-py2-none-any.whl", seed: 1), to: release.id)
        }
        try await store.write { tx in try await tx.deleteRelease(id: release.id) }
        try await expect(store.projectDetail(normalizedName: "demo")?.releases.isEmpty == true, "the release is gone")
        try await expect(store.file(blake2b256: wheel.digests.blake2b256) == nil, "its files are gone")
        try await expect(store.filenameWasUsed("demo-1.0-py2-none-any.whl"), "their filenames stay registered")
        _ = try await store.write { tx in
            try await tx.appendJournal(
                normalizedName: "demo", projectName: "Demo", version: nil, action: "create", time: t0, actor: nil)
        }
        try await store.write { tx in try await tx.deleteProject(id: project.id) }
        try await expect(store.project(normalizedName: "demo") == nil, "the project is gone")
        try await expect(store.maxSerial() == 1, "the journal stays")
        try await expect(store.roles(projectID: project.id).isEmpty, "the roles are gone")
        do {
            try await store.write { tx in try await tx.deleteFile(id: file.id) }
            throw ContractViolation(message: "deleting a missing file throws notFound", line: #line)
        } catch IndexStoreError.notFound {}
        let (_, again) = try await projectWithRelease(store)
        try await expectConflict(.filenameRegistered(wheel.filename)) {
            _ = try await store.write { tx in try await tx.addFile(upload(wheel.filename, seed: 9), to: again.id) }
        }
    }

    static func yank(_ store: any IndexStore) async throws {
        let (_, release) = try await projectWithRelease(store)
        try await store.write { tx in try await tx.yankRelease(id: release.id, reason: "broken") }
        var stored = try await store.projectDetail(normalizedName: "demo")?.releases.first
        try expect(stored?.yanked == true && stored?.yankedReason == "broken", "yank is stored with its reason")
        try await store.write { tx in try await tx.unyankRelease(id: release.id) }
        stored = try await store.projectDetail(normalizedName: "demo")?.releases.first
        try expect(stored?.yanked == false && stored?.yankedReason == "", "unyank clears the reason")
    }
}
