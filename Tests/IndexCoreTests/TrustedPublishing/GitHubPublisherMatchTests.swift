import IndexCore
import Testing

/// The claims of a real-shaped GitHub Actions token for `octo-org/sampleproject`'s
/// `release.yml`, run on `refs/tags/v1.0` in the `pypi` environment.
enum GitHubClaims {
    static let issuer = "https://token.actions.githubusercontent.com"

    static func claims(_ changes: [String: ClaimValue?] = [:]) -> OIDCClaims {
        var values: [String: ClaimValue] = [
            "iss": .string(issuer), "aud": "cheeseshop", "jti": "4e5e6f2a",
            "sub": "repo:octo-org/sampleproject:environment:pypi",
            "repository": "octo-org/sampleproject", "repository_owner": "octo-org",
            "repository_owner_id": "1234567",
            "job_workflow_ref": "octo-org/sampleproject/.github/workflows/release.yml@refs/tags/v1.0",
            "ref": "refs/tags/v1.0", "sha": "d0c0ffee", "event_name": "push", "environment": "pypi",
        ]
        for (name, value) in changes { values[name] = value }
        return OIDCClaims(values)
    }

    static func publisher(environment: String? = nil, id: String = "gh-1") -> TrustedPublisher {
        .github(
            id: id,
            .init(
                owner: "octo-org", ownerID: "1234567", repository: "sampleproject",
                workflowFilename: "release.yml", environment: environment))
    }
}

@Suite struct GitHubPublisherMatchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var changes: [String: ClaimValue?]
        var environment: String? = nil
        var expected: PublisherMatch
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "exact claims", changes: [:], expected: .matched),
        Case(
            name: "repository differs only in case", changes: ["repository": "Octo-Org/SampleProject"],
            expected: .matched),
        Case(
            name: "sub differs only in case", changes: ["sub": "repo:OCTO-ORG/sampleproject:ref:x"], expected: .matched),
        Case(
            name: "workflow ref pinned by sha",
            changes: [
                "job_workflow_ref": "octo-org/sampleproject/.github/workflows/release.yml@d0c0ffee"
            ], expected: .matched),
        Case(
            name: "other repository", changes: ["repository": "octo-org/other"],
            expected: .mismatch("Check failed for required claim 'repository'")),
        Case(
            name: "owner renamed in case", changes: ["repository_owner": "Octo-Org"],
            expected: .mismatch("Check failed for required claim 'repository_owner'")),
        Case(
            name: "owner id mismatch (resurrected name)", changes: ["repository_owner_id": "7654321"],
            expected: .mismatch("Check failed for required claim 'repository_owner_id'")),
        Case(
            name: "sub of another repository", changes: ["sub": "repo:evil/sampleproject:ref:x"],
            expected: .mismatch("Check failed for required claim 'sub'")),
        Case(
            name: "other workflow file",
            changes: [
                "job_workflow_ref": "octo-org/sampleproject/.github/workflows/ci.yml@refs/tags/v1.0"
            ],
            expected: .mismatch(
                "The job_workflow_ref claim does not match, expecting one of ["
                    + "'octo-org/sampleproject/.github/workflows/release.yml@d0c0ffee', "
                    + "'octo-org/sampleproject/.github/workflows/release.yml@refs/tags/v1.0'], "
                    + "got 'octo-org/sampleproject/.github/workflows/ci.yml@refs/tags/v1.0'")),
        Case(
            name: "workflow ref at another ref",
            changes: [
                "job_workflow_ref": "octo-org/sampleproject/.github/workflows/release.yml@refs/heads/evil"
            ],
            expected: .mismatch(
                "The job_workflow_ref claim does not match, expecting one of ["
                    + "'octo-org/sampleproject/.github/workflows/release.yml@d0c0ffee', "
                    + "'octo-org/sampleproject/.github/workflows/release.yml@refs/tags/v1.0'], "
                    + "got 'octo-org/sampleproject/.github/workflows/release.yml@refs/heads/evil'")),
        Case(
            name: "empty workflow ref", changes: ["job_workflow_ref": ""],
            expected: .mismatch("The job_workflow_ref claim is empty")),
        Case(
            name: "empty ref and sha", changes: ["ref": "", "sha": ""],
            expected: .mismatch("The ref and sha claims are empty")),
        Case(
            name: "missing owner id", changes: ["repository_owner_id": nil],
            expected: .mismatch("Missing claim 'repository_owner_id'")),
        Case(name: "missing jti", changes: ["jti": nil], expected: .mismatch("Missing claim 'jti'")),
        Case(
            name: "pull_request_target", changes: ["event_name": "pull_request_target"],
            expected: .mismatch("Publishing from a workflow triggered by pull_request_target is not allowed")),
        Case(
            name: "environment matches ignoring case", changes: ["environment": "PyPI"], environment: "pypi",
            expected: .matched),
        Case(
            name: "environment differs", changes: ["environment": "staging"], environment: "pypi",
            expected: .mismatch("Check failed for optional claim 'environment'")),
        Case(
            name: "environment required but absent", changes: ["environment": nil], environment: "pypi",
            expected: .mismatch("Check failed for optional claim 'environment'")),
        Case(name: "no environment configured accepts any", changes: ["environment": "anything"], expected: .matched),
        Case(
            name: "other issuer", changes: ["iss": "https://gitlab.com"],
            expected: .mismatch("Check failed for required claim 'iss'")),
    ]

    @Test(arguments: cases)
    func matchTable(_ row: Case) {
        let publisher = GitHubClaims.publisher(environment: row.environment)
        #expect(publisher.matches(GitHubClaims.claims(row.changes)) == row.expected)
    }

    @Test func issuerDefaultsToGitHubActions() {
        #expect(GitHubClaims.publisher().issuerURL == "https://token.actions.githubusercontent.com")
        #expect(TrustedPublisher.Provider.generic.defaultIssuerURL == nil)
        #expect(GitHubClaims.publisher().provider == .github)
    }
}
