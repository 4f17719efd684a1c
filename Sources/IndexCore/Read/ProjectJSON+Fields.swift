extension ProjectJSON {
    /// The `info` object: the release's stored metadata and the project's links.
    static func info(_ project: Project, release: Release, urls: IndexURLs, downloads: RecentDownloads?) -> JSONValue {
        let metadata = release.metadata
        func list(_ values: [String]) -> JSONValue { values.isEmpty ? .null : .strings(values) }
        let projectURLs: JSONValue =
            metadata.projectURLs.isEmpty
            ? .null : .object(metadata.projectURLs.map { JSONMember($0.label, .string($0.url)) })
        return .object([
            "author": .string(metadata.author),
            "author_email": .string(metadata.authorEmail),
            "bugtrack_url": .null,
            "classifiers": .strings(metadata.classifiers),
            "description": .string(metadata.description),
            "description_content_type": .string(metadata.descriptionContentType),
            "docs_url": .null,
            "download_url": .string(metadata.downloadURL),
            // PyPI answers -1; with counts, today's and the last 7 and 30 days' downloads.
            "downloads": .object([
                "last_day": .int(Int64(downloads?.day ?? -1)), "last_month": .int(Int64(downloads?.month ?? -1)),
                "last_week": .int(Int64(downloads?.week ?? -1)),
            ]),
            "dynamic": list(metadata.dynamic),
            "home_page": .string(metadata.homePage),
            "keywords": .string(metadata.keywords.isEmpty ? nil : metadata.keywords.joined(separator: ",")),
            "license": .string(metadata.license),
            "license_expression": .string(metadata.licenseExpression),
            "license_files": list(metadata.licenseFiles),
            "maintainer": .string(metadata.maintainer),
            "maintainer_email": .string(metadata.maintainerEmail),
            "name": .string(project.name),
            "package_url": .string(urls.project(project.name)),
            "platform": .string(metadata.platforms.isEmpty ? nil : metadata.platforms.joined(separator: ",")),
            "project_url": .string(urls.project(project.name)),
            "project_urls": projectURLs,
            "provides_extra": list(metadata.providesExtra),
            "release_url": .string(urls.release(project.name, version: release.version)),
            "requires_dist": list(metadata.requiresDist),
            "requires_python": .string(metadata.requiresPython),
            "summary": .string(metadata.summary),
            "version": .string(release.version),
            "yanked": .bool(release.yanked),
            "yanked_reason": .string(release.yankedReason.isEmpty ? nil : release.yankedReason),
        ])
    }

    /// One object of `urls` and `releases`.
    static func file(_ file: DistributionFile, release: Release, urls: IndexURLs) -> JSONValue {
        let upload = file.upload
        let digests = upload.digests
        let metadata: JSONValue = upload.metadataDigests.map { .object(["sha256": .string($0.sha256)]) } ?? .bool(false)
        return .object([
            "comment_text": .string(""),
            "core-metadata": metadata,
            "digests": .object([
                "blake2b_256": .string(digests.blake2b256), "md5": .string(digests.md5),
                "sha256": .string(digests.sha256),
            ]),
            "downloads": .int(-1),
            "filename": .string(upload.filename),
            "has_sig": .bool(false),
            "md5_digest": .string(digests.md5),
            "packagetype": .string(upload.packageType.rawValue),
            "python_version": .string(upload.pythonVersion),
            "requires_python": .string(upload.requiresPython.flatMap { $0.isEmpty ? nil : $0 }),
            "size": .int(Int64(upload.size)),
            "upload_time": .string(upload.uploadTime.iso8601Seconds),
            "upload_time_iso_8601": .string(upload.uploadTime.iso8601),
            "url": .string(urls.file(blobPath: upload.blobPath)),
            "yanked": .bool(release.yanked),
            "yanked_reason": .string(release.yankedReason.isEmpty ? nil : release.yankedReason),
        ])
    }
}
