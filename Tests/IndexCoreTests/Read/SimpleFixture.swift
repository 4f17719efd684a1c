import IndexCore
import PythonPackaging

/// A small project built by hand: `Demo.Pkg` with 0.9 (an sdist) and a yanked 1.0 (a wheel with
/// a PEP 658 metadata file and an sdist), `Requires-Python: >=3.8,<4`.
enum SimpleFixture {
    static let urls = IndexURLs(base: "https://index.example/", files: "https://files.example")
    static let start = 1_767_225_600.0

    static func release(_ id: Int64, _ version: String, yanked: Bool = false, reason: String = "") -> Release {
        var metadata = ReleaseMetadata()
        metadata.summary = "A demo"
        metadata.requiresPython = ">=3.8,<4"
        return Release(
            id: ReleaseID(id), projectID: ProjectID(1), version: version, canonicalVersion: Version.canonicalize(version),
            yanked: yanked, yankedReason: reason, metadata: metadata,
            created: Timestamp(secondsSinceEpoch: start), uploader: UserID(1))
    }

    static func file(
        _ id: Int64, release: Int64, _ filename: String, type: UploadFiletype = .sdist, requiresPython: String? = nil,
        metadata: Bool = false, time: Double = start
    ) -> DistributionFile {
        let tag = String(id)
        let upload = FileUpload(
            filename: filename, packageType: type, pythonVersion: type == .sdist ? "source" : "py3",
            requiresPython: requiresPython, size: 100 * Int(id),
            digests: DistributionDigests(md5: "md5-\(tag)", sha256: "sha256-\(tag)", blake2b256: "b2-\(tag)"),
            blobPath: "b2/\(tag)/\(filename)",
            metadataDigests: metadata ? MetadataFileDigests(sha256: "meta-\(tag)", blake2b256: "metab2-\(tag)") : nil,
            uploadTime: Timestamp(secondsSinceEpoch: time), uploader: UserID(1))
        return DistributionFile(id: FileID(id), releaseID: ReleaseID(release), upload: upload)
    }

    static func detail(status: ProjectStatus = .active) -> ProjectDetail {
        ProjectDetail(
            project: Project(
                id: ProjectID(1), name: "Demo.Pkg", normalizedName: "demo-pkg", status: status, lastSerial: 7,
                created: Timestamp(secondsSinceEpoch: start)),
            releases: [release(1, "1.0", yanked: true, reason: "broken <build> & \"bad\""), release(2, "0.9")],
            files: [
                file(1, release: 1, "demo_pkg-1.0.tar.gz", requiresPython: ">=3.8,<4"),
                file(
                    2, release: 1, "demo_pkg-1.0-py3-none-any.whl", type: .bdistWheel, requiresPython: ">=3.8,<4",
                    metadata: true, time: start + 0.25),
                file(3, release: 2, "demo_pkg-0.9.tar.gz"),
            ])
    }
}
