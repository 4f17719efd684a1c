import IndexCore
import Testing

@Suite struct GitLabAndGenericMatchTests {
    static func gitlabClaims(_ changes: [String: ClaimValue?] = [:]) -> OIDCClaims {
        var values: [String: ClaimValue] = [
            "iss": "https://gitlab.com", "aud": "cheeseshop", "jti": "j-1",
            "sub": "project_path:group/sub/proj:ref_type:tag:ref:v1.0",
            "project_path": "group/sub/proj",
            "ci_config_ref_uri": "gitlab.com/group/sub/proj//ci/release.yml@refs/tags/v1.0",
            "ref_path": "refs/tags/v1.0", "sha": "abc123", "environment": "Production",
        ]
        for (name, value) in changes { values[name] = value }
        return OIDCClaims(values)
    }

    static func gitlab(environment: String? = nil, issuer: String = "https://gitlab.com") -> TrustedPublisher {
        .gitlab(
            id: "gl-1",
            .init(
                namespace: "group/sub", project: "proj", workflowFilepath: "ci/release.yml",
                environment: environment),
            issuerURL: issuer)
    }

    @Test(
        arguments: [
            ([:], nil, PublisherMatch.matched),
            (["project_path": "Group/Sub/Proj"], nil, .matched),
            (["ci_config_ref_uri": "gitlab.com/group/sub/proj//ci/release.yml@abc123"], nil, .matched),
            (["project_path": "group/other"], nil, .mismatch("Check failed for required claim 'project_path'")),
            (["sub": "project_path:evil/proj"], nil, .mismatch("Check failed for required claim 'sub'")),
            (
                ["ci_config_ref_uri": "gitlab.com/group/sub/proj//.gitlab-ci.yml@refs/tags/v1.0"], nil,
                .mismatch(
                    "The ci_config_ref_uri claim does not match, expecting one of ["
                        + "'gitlab.com/group/sub/proj//ci/release.yml@abc123', "
                        + "'gitlab.com/group/sub/proj//ci/release.yml@refs/tags/v1.0'], "
                        + "got 'gitlab.com/group/sub/proj//.gitlab-ci.yml@refs/tags/v1.0'")
            ),
            (["sha": ""], nil, .mismatch("The ref_path and sha claims are empty")),
            (["ref_path": nil], nil, .mismatch("Missing claim 'ref_path'")),
            ([:], "Production", .matched),
            (["environment": "production"], "Production", .mismatch("Check failed for optional claim 'environment'")),
        ] as [([String: ClaimValue?], String?, PublisherMatch)])
    func gitlabTable(changes: [String: ClaimValue?], environment: String?, expected: PublisherMatch) {
        #expect(Self.gitlab(environment: environment).matches(Self.gitlabClaims(changes)) == expected)
    }

    @Test func selfManagedGitLabUsesTheIssuerHost() {
        let publisher = Self.gitlab(issuer: "https://git.example.org/")
        let claims = Self.gitlabClaims([
            "iss": "https://git.example.org/",
            "ci_config_ref_uri": "git.example.org/group/sub/proj//ci/release.yml@refs/tags/v1.0",
        ])
        #expect(publisher.matches(claims) == .matched)
        #expect(Self.gitlab().matches(claims) == .mismatch("Check failed for required claim 'iss'"))
    }

    static let generic = TrustedPublisher(
        id: "gen-1", issuerURL: "https://ci.example.org",
        kind: .generic(.init(subject: "pipeline:acme/tool", exactClaims: ["branch": "main"])))

    @Test(
        arguments: [
            (["sub": "pipeline:acme/tool", "branch": "main"], PublisherMatch.matched),
            (["sub": "pipeline:ACME/tool", "branch": "main"], .mismatch("Check failed for required claim 'sub'")),
            (["sub": "pipeline:acme/tool", "branch": "dev"], .mismatch("Check failed for required claim 'branch'")),
            (["sub": "pipeline:acme/tool"], .mismatch("Missing claim 'branch'")),
            (["branch": "main"], .mismatch("Missing claim 'sub'")),
        ] as [([String: ClaimValue], PublisherMatch)])
    func genericTable(values: [String: ClaimValue], expected: PublisherMatch) {
        var claims = values
        claims["iss"] = "https://ci.example.org"
        claims["jti"] = "j"
        #expect(Self.generic.matches(OIDCClaims(claims)) == expected)
    }
}
