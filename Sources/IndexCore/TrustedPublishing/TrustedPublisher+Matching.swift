extension TrustedPublisher {
    /// Checks verified `claims` against this publisher, as Warehouse's `verify_claims` does:
    /// the issuer, the required claims' presence, then each provider's checks. The `jti` is only
    /// required here; refusing a reused one is the caller's job (see `MintPolicy`).
    public func matches(_ claims: OIDCClaims) -> PublisherMatch {
        guard claims.issuer == issuerURL else { return .failedRequired("iss") }
        switch kind {
        case .github(let github): return github.matches(claims)
        case .gitlab(let gitlab): return gitlab.matches(claims, host: Self.host(of: issuerURL))
        case .generic(let generic): return generic.matches(claims)
        }
    }

    /// Finds the one publisher among `publishers` that `claims` match. When several do, one bound
    /// to an environment wins over one that is not (Warehouse's "most specific publisher");
    /// any remaining tie is refused rather than guessed.
    public static func find(
        among publishers: [TrustedPublisher], matching claims: OIDCClaims
    ) throws(TrustedPublishingError) -> TrustedPublisher {
        let candidates = publishers.filter { $0.issuerURL == claims.issuer }
        var reasons: [String] = []
        var matched: [TrustedPublisher] = []
        for candidate in candidates {
            switch candidate.matches(claims) {
            case .matched: matched.append(candidate)
            case .mismatch(let reason): reasons.append(reason)
            }
        }
        let specific = matched.filter(\.hasEnvironment)
        let best = specific.isEmpty ? matched : specific
        if best.count == 1, let only = best.first { return only }
        if best.count > 1 { throw .noPublisher("More than one publisher matches these claims") }
        if candidates.count == 1, let reason = reasons.first { throw .noPublisher(reason) }
        throw .noPublisher("Publisher with matching claims was not found")
    }

    /// Whether this publisher is bound to a deployment environment.
    var hasEnvironment: Bool {
        switch kind {
        case .github(let github): github.environment?.isEmpty == false
        case .gitlab(let gitlab): gitlab.environment?.isEmpty == false
        case .generic: false
        }
    }

    /// `gitlab.com` for `https://gitlab.com/`: the host part GitLab puts in `ci_config_ref_uri`.
    static func host(of issuerURL: String) -> String {
        var host = Substring(issuerURL)
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) {
            host = host.dropFirst(scheme.count)
        }
        while host.hasSuffix("/") { host = host.dropLast() }
        return String(host)
    }
}

extension TrustedPublisher.Generic {
    func matches(_ claims: OIDCClaims) -> PublisherMatch {
        guard let sub = claims.subject else { return .missing("sub") }
        guard claims.tokenID != nil else { return .missing("jti") }
        guard sub == subject else { return .failedRequired("sub") }
        for (name, expected) in exactClaims.sorted(by: { $0.key < $1.key }) {
            guard let value = claims.string(name) else { return .missing(name) }
            guard value == expected else { return .failedRequired(name) }
        }
        return .matched
    }
}

/// Whether a `sub` claim's first two `:`-separated components equal `expected` ignoring case
/// (GitHub's `repo:OWNER/REPO[:...]`, GitLab's `project_path:NAMESPACE/PROJECT[:...]`).
func subjectMatches(_ sub: String?, _ expected: String) -> Bool {
    guard let sub, !sub.isEmpty else { return false }
    let parts = sub.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
    return "\(parts[0]):\(parts[1])".lowercased() == expected.lowercased()
}
