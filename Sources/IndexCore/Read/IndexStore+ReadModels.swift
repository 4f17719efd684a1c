extension IndexStore {
    /// The model of `GET /simple/`: every visible project, with the index's serial.
    public func simpleIndex() async throws -> SimpleIndex {
        let serial = try await maxSerial()
        return SimpleIndex(projects: try await projects(), lastSerial: serial)
    }

    /// The model of `GET /simple/<normalizedName>/`; `nil` when there is no such visible project.
    public func simpleProjectPage(normalizedName: String, urls: IndexURLs) async throws -> SimpleProjectPage? {
        guard let detail = try await projectDetail(normalizedName: normalizedName) else { return nil }
        return SimpleProjectPage(detail, urls: urls)
    }

    /// The model of `GET /pypi/<normalizedName>/json` (`version == nil`) or
    /// `GET /pypi/<normalizedName>/<version>/json`; `nil` when it does not exist.
    public func projectJSON(
        normalizedName: String, version: String? = nil, urls: IndexURLs, downloads: RecentDownloads? = nil
    ) async throws
        -> ProjectJSON?
    {
        guard let detail = try await projectDetail(normalizedName: normalizedName),
            detail.project.status != .quarantined
        else { return nil }
        return ProjectJSON(
            detail, roles: try await roleHolders(projectID: detail.project.id), version: version, urls: urls,
            downloads: downloads)
    }

    /// The project's Owners and Maintainers with their usernames.
    public func roleHolders(projectID: ProjectID) async throws -> [ProjectRoleHolder] {
        var holders: [ProjectRoleHolder] = []
        for role in try await roles(projectID: projectID) {
            if let user = try await user(id: role.userID) {
                holders.append(ProjectRoleHolder(kind: role.kind, username: user.username))
            }
        }
        return holders
    }
}
