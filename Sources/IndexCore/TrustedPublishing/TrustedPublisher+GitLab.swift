extension TrustedPublisher.GitLab {
    /// Claims GitLab always sends.
    static let requiredClaims = ["sub", "project_path", "ci_config_ref_uri", "jti", "ref_path", "sha"]

    /// `namespace/project`.
    public var projectPath: String { "\(namespace)/\(project)" }

    /// `{host}/{namespace}/{project}//{workflowFilepath}`, the part of `ci_config_ref_uri`
    /// before `@`; `host` comes from the issuer URL (gitlab.com, or a self-managed instance).
    public func ciConfigPath(host: String) -> String { "\(host)/\(projectPath)//\(workflowFilepath)" }

    /// Warehouse's GitLab checks (`oidc/models/gitlab.py`).
    func matches(_ claims: OIDCClaims, host: String) -> PublisherMatch {
        for name in Self.requiredClaims where claims[name] == nil {
            return .missing(name)
        }
        guard subjectMatches(claims.string("sub"), "project_path:\(projectPath)") else {
            return .failedRequired("sub")
        }
        guard let path = claims.string("project_path"), !path.isEmpty,
            path.lowercased() == projectPath.lowercased()
        else { return .failedRequired("project_path") }
        if case .mismatch(let reason) = checkConfigRef(claims, host: host) { return .mismatch(reason) }
        guard checkEnvironment(claims.string("environment")) else { return .failedOptional("environment") }
        return .matched
    }

    /// `ci_config_ref_uri` must be `{ciConfigPath}@{ref_path}` or `@{sha}`; both must be present.
    private func checkConfigRef(_ claims: OIDCClaims, host: String) -> PublisherMatch {
        guard let signed = claims.string("ci_config_ref_uri"), !signed.isEmpty else {
            return .mismatch("The ci_config_ref_uri claim is empty")
        }
        guard let refPath = claims.string("ref_path"), !refPath.isEmpty,
            let sha = claims.string("sha"), !sha.isEmpty
        else { return .mismatch("The ref_path and sha claims are empty") }
        let expected = Set([refPath, sha].map { "\(ciConfigPath(host: host))@\($0)" })
        guard expected.contains(signed) else {
            return .refMismatch("ci_config_ref_uri", expected: Array(expected), got: signed)
        }
        return .matched
    }

    /// GitLab environment names are compared exactly (as Warehouse does).
    private func checkEnvironment(_ signed: String?) -> Bool {
        guard let environment, !environment.isEmpty else { return true }
        guard let signed, !signed.isEmpty else { return false }
        return signed == environment
    }
}
