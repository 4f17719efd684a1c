import PythonPackaging

/// PyPI's legacy JSON API, `GET /pypi/<name>/json` and `GET /pypi/<name>/<version>/json`
/// (reference b.3, Warehouse's `legacy/api/json.py`): `info`, `urls`, `releases` (project route
/// only), `vulnerabilities`, `last_serial`, `ownership`.
public struct ProjectJSON: Hashable, Sendable {
    /// The release the document describes.
    public var release: Release
    /// The project's last serial (`last_serial`, `X-PyPI-Last-Serial`).
    public var lastSerial: Int64
    /// The whole document.
    public var document: JSONValue

    /// The document of `detail`: of its latest release (``latestRelease(_:)``) when `version` is
    /// `nil`, with every release under `releases`; otherwise of the release whose canonical
    /// version matches `Version.canonicalize(version)`, without `releases`. `nil` when the project
    /// is quarantined or has no such release. `roles` are the project's roles with the
    /// usernames of their holders; `downloads` fills `info.downloads` (`nil`: -1, as PyPI).
    public init?(
        _ detail: ProjectDetail, roles: [ProjectRoleHolder], version: String? = nil, urls: IndexURLs,
        downloads: RecentDownloads? = nil
    ) {
        let project = detail.project
        guard project.status != .quarantined else { return nil }
        let chosen: Release?
        if let version {
            let canonical = Version.canonicalize(version)
            chosen = detail.releases.first { $0.canonicalVersion == canonical }
        } else {
            chosen = Self.latestRelease(detail.releases)
        }
        guard let release = chosen else { return nil }
        self.release = release
        lastSerial = project.lastSerial
        let order = ReleaseOrder(detail.releases)
        let filesByRelease = Dictionary(grouping: detail.files, by: \.releaseID).mapValues { files in
            files.sorted { $0.filename < $1.filename }
        }
        func fileList(_ release: Release) -> JSONValue {
            .array((filesByRelease[release.id] ?? []).map { Self.file($0, release: release, urls: urls) })
        }
        var members = [
            JSONMember("info", Self.info(project, release: release, urls: urls, downloads: downloads)),
            JSONMember("last_serial", .int(project.lastSerial)),
        ]
        if version == nil {
            members.append(
                JSONMember("releases", .object(order.sorted.map { JSONMember($0.version, fileList($0)) })))
        }
        members += [
            JSONMember("urls", fileList(release)),
            JSONMember("vulnerabilities", .array([])),
            JSONMember("ownership", Self.ownership(roles)),
        ]
        document = .object(members)
    }

    /// The JSON body.
    public func json() -> [UInt8] { document.bytes }

    /// Warehouse's latest release: not yanked first, then not a prerelease (a legacy version
    /// counts as final), then the highest ``PythonPackaging/ReleaseVersion``.
    public static func latestRelease(_ releases: [Release]) -> Release? {
        func key(_ release: Release) -> (Int, Int) {
            let isPrerelease = ReleaseVersion(release.version).version?.isPrerelease ?? false
            return (release.yanked ? 1 : 0, isPrerelease ? 1 : 0)
        }
        return ReleaseOrder(releases).sorted.reversed().min { key($0) < key($1) }
    }

    private static func ownership(_ roles: [ProjectRoleHolder]) -> JSONValue {
        let sorted = roles.sorted { lhs, rhs in
            lhs.kind != rhs.kind ? lhs.kind == .owner : lhs.username < rhs.username
        }
        return .object([
            "organization": .null,
            "roles": .array(
                sorted.map { .object(["role": .string($0.kind.rawValue), "user": .string($0.username)]) }),
        ])
    }
}

/// A project role with the username of its holder, as `ownership.roles` lists it.
public struct ProjectRoleHolder: Hashable, Sendable {
    /// Owner or Maintainer.
    public var kind: RoleKind
    /// The holder's username.
    public var username: String

    /// Creates a role holder.
    public init(kind: RoleKind, username: String) {
        self.kind = kind
        self.username = username
    }
}
