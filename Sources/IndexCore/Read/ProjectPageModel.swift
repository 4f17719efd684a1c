import PythonPackaging

/// What a project's web page shows (`/project/<name>/` or `/project/<name>/<version>/`): the
/// release shown (the latest, or the one asked for), the history newest first, the shown
/// release's files, the maintainers and the PEP 792 status.
public struct ProjectPageModel: Sendable {
    /// The project.
    public var project: Project
    /// The release shown.
    public var release: Release
    /// Whether ``release`` is the latest one (``ProjectJSON/latestRelease(_:)``).
    public var isLatest: Bool
    /// The latest release.
    public var latest: Release
    /// Every release, highest version first.
    public var history: [Release]
    /// The files of ``release``, sdist first, then by filename.
    public var files: [DistributionFile]
    /// Owners first, then Maintainers, by username.
    public var maintainers: [ProjectRoleHolder]
    /// The organization the project belongs to, if any.
    public var organization: Organization?

    /// The page of `version` (any spelling PEP 440 canonicalizes to it; `nil`: the latest);
    /// `nil` when the project has no such release or is quarantined.
    public init?(_ detail: ProjectDetail, roles: [ProjectRoleHolder], version: String? = nil) {
        guard detail.project.status != .quarantined, let latest = ProjectJSON.latestRelease(detail.releases) else {
            return nil
        }
        let chosen: Release
        if let version {
            let canonical = Version.canonicalize(version)
            guard let found = detail.releases.first(where: { $0.canonicalVersion == canonical }) else { return nil }
            chosen = found
        } else {
            chosen = latest
        }
        project = detail.project
        release = chosen
        self.latest = latest
        isLatest = chosen.id == latest.id
        history = ReleaseOrder(detail.releases).sorted.reversed()
        files = detail.files.filter { $0.releaseID == chosen.id }.sorted { lhs, rhs in
            let (left, right) = (lhs.upload.packageType == .sdist, rhs.upload.packageType == .sdist)
            return left != right ? left : lhs.filename < rhs.filename
        }
        maintainers = roles.sorted { lhs, rhs in
            lhs.kind != rhs.kind ? lhs.kind == .owner : lhs.username < rhs.username
        }
    }

    /// Whether `release`'s version is a pre-release (a legacy version is not).
    public static func isPrerelease(_ release: Release) -> Bool {
        ReleaseVersion(release.version).version?.isPrerelease ?? false
    }
}

extension IndexStore {
    /// The model of a project page; `nil` when there is no such visible project or release.
    public func projectPage(normalizedName: String, version: String? = nil) async throws -> ProjectPageModel? {
        guard let detail = try await projectDetail(normalizedName: normalizedName) else { return nil }
        let roles = try await roleHolders(projectID: detail.project.id)
        var page = ProjectPageModel(detail, roles: roles, version: version)
        page?.organization = try await organization(projectID: detail.project.id)
        return page
    }
}
