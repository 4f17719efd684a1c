extension TrustedPublisher.GitHub {
    /// Claims GitHub always sends; a missing one means the token is not what we expect.
    static let requiredClaims = [
        "sub", "repository", "repository_owner", "repository_owner_id", "job_workflow_ref", "jti", "ref", "sha",
    ]

    /// `owner/repository`.
    public var repositoryPath: String { "\(owner)/\(repository)" }

    /// `owner/repository/.github/workflows/file`, the part of `job_workflow_ref` before `@`.
    public var jobWorkflowPath: String { "\(repositoryPath)/.github/workflows/\(workflowFilename)" }

    /// Warehouse's GitHub checks (`oidc/models/github.py`), plus a refusal of
    /// `pull_request_target`, whose runs hold the base repository's credentials while
    /// building code from a fork.
    func matches(_ claims: OIDCClaims) -> PublisherMatch {
        for name in Self.requiredClaims where claims[name] == nil {
            return .missing(name)
        }
        if claims.string("event_name") == "pull_request_target" {
            return .mismatch("Publishing from a workflow triggered by pull_request_target is not allowed")
        }
        guard subjectMatches(claims.string("sub"), "repo:\(repositoryPath)") else { return .failedRequired("sub") }
        guard let repo = claims.string("repository"), !repo.isEmpty,
            repo.lowercased() == repositoryPath.lowercased()
        else { return .failedRequired("repository") }
        guard claims.string("repository_owner") == owner else { return .failedRequired("repository_owner") }
        guard claims.string("repository_owner_id") == ownerID else { return .failedRequired("repository_owner_id") }
        if case .mismatch(let reason) = checkJobWorkflowRef(claims) { return .mismatch(reason) }
        guard checkEnvironment(claims.string("environment")) else { return .failedOptional("environment") }
        return .matched
    }

    /// `job_workflow_ref` must be `{jobWorkflowPath}@{ref}` or `@{sha}`.
    private func checkJobWorkflowRef(_ claims: OIDCClaims) -> PublisherMatch {
        guard let signed = claims.string("job_workflow_ref"), !signed.isEmpty else {
            return .mismatch("The job_workflow_ref claim is empty")
        }
        let refs = [claims.string("ref"), claims.string("sha")].compactMap { $0 }.filter { !$0.isEmpty }
        guard !refs.isEmpty else { return .mismatch("The ref and sha claims are empty") }
        let expected = Set(refs.map { "\(jobWorkflowPath)@\($0)" })
        guard expected.contains(signed) else {
            return .refMismatch("job_workflow_ref", expected: Array(expected), got: signed)
        }
        return .matched
    }

    /// GitHub environment names are case-insensitive; an unconfigured one accepts anything.
    private func checkEnvironment(_ signed: String?) -> Bool {
        guard let environment, !environment.isEmpty else { return true }
        guard let signed, !signed.isEmpty else { return false }
        return signed.lowercased() == environment.lowercased()
    }
}
