/// A CI workflow allowed to publish to a project without a long-lived token: its OIDC identity
/// token, once verified, is matched against these fields (Warehouse `oidc/models/`).
public struct TrustedPublisher: Hashable, Sendable {
    /// Which kind of CI system, and what it must match.
    public enum Kind: Hashable, Sendable {
        case github(GitHub)
        case gitlab(GitLab)
        case generic(Generic)
    }

    /// The provider families.
    public enum Provider: String, Hashable, Sendable, CaseIterable {
        case github, gitlab, generic

        /// The issuer URL used when none is configured; `nil` for generic publishers,
        /// which always name theirs.
        public var defaultIssuerURL: String? {
            switch self {
            case .github: "https://token.actions.githubusercontent.com"
            case .gitlab: "https://gitlab.com"
            case .generic: nil
            }
        }
    }

    /// A GitHub Actions workflow: `{owner}/{repository}/.github/workflows/{workflowFilename}`.
    public struct GitHub: Hashable, Sendable {
        public var owner: String
        /// The owner's numeric id, which survives renames (resurrection attacks).
        public var ownerID: String
        public var repository: String
        /// The file name only, e.g. `release.yml`.
        public var workflowFilename: String
        /// Deployment environment; `nil` accepts any (or none).
        public var environment: String?

        public init(
            owner: String, ownerID: String, repository: String, workflowFilename: String,
            environment: String? = nil
        ) {
            self.owner = owner
            self.ownerID = ownerID
            self.repository = repository
            self.workflowFilename = workflowFilename
            self.environment = environment
        }
    }

    /// A GitLab CI pipeline: `{namespace}/{project}`, configured by `workflowFilepath`.
    public struct GitLab: Hashable, Sendable {
        /// Group and subgroups, e.g. `group/subgroup`.
        public var namespace: String
        public var project: String
        /// The CI config path inside the repository, e.g. `.gitlab-ci.yml`.
        public var workflowFilepath: String
        /// Deployment environment; `nil` accepts any (or none).
        public var environment: String?

        public init(namespace: String, project: String, workflowFilepath: String, environment: String? = nil) {
            self.namespace = namespace
            self.project = project
            self.workflowFilepath = workflowFilepath
            self.environment = environment
        }
    }

    /// Any OIDC issuer: the `sub` claim and optional further claims must be equal.
    public struct Generic: Hashable, Sendable {
        public var subject: String
        public var exactClaims: [String: String]

        public init(subject: String, exactClaims: [String: String] = [:]) {
            self.subject = subject
            self.exactClaims = exactClaims
        }
    }

    /// This publisher's identifier (stored with minted tokens).
    public var id: String
    /// The `iss` its tokens must carry.
    public var issuerURL: String
    public var kind: Kind

    /// Creates a publisher with an explicit issuer.
    public init(id: String, issuerURL: String, kind: Kind) {
        self.id = id
        self.issuerURL = issuerURL
        self.kind = kind
    }

    /// A GitHub publisher; the issuer defaults to GitHub Actions'.
    public static func github(
        id: String, _ github: GitHub,
        issuerURL: String = Provider.github.defaultIssuerURL ?? ""
    ) -> TrustedPublisher {
        TrustedPublisher(id: id, issuerURL: issuerURL, kind: .github(github))
    }

    /// A GitLab publisher; the issuer defaults to gitlab.com (self-managed instances pass theirs).
    public static func gitlab(
        id: String, _ gitlab: GitLab,
        issuerURL: String = Provider.gitlab.defaultIssuerURL ?? ""
    ) -> TrustedPublisher {
        TrustedPublisher(id: id, issuerURL: issuerURL, kind: .gitlab(gitlab))
    }

    /// The provider family of `kind`.
    public var provider: Provider {
        switch kind {
        case .github: .github
        case .gitlab: .gitlab
        case .generic: .generic
        }
    }
}
