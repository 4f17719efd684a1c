/// A trusted publisher as a user describes it (management API, CLI) and as it is stored: the
/// provider, the issuer, the provider's fields by their Warehouse names, and for a generic
/// publisher the further claims that must be equal.
///
/// - GitHub: `owner`, `owner_id`, `repository`, `workflow_filename`, `environment` (optional)
/// - GitLab: `namespace`, `project`, `workflow_filepath`, `environment` (optional)
/// - generic: `subject`, and `claims` (name to exact value)
public struct PublisherForm: Hashable, Sendable {
    /// `github`, `gitlab` or `generic`.
    public var provider: String
    /// The issuer URL; `nil` takes the provider's default (generic publishers must name one).
    public var issuer: String?
    /// The provider's fields, e.g. `owner` -> `octo`.
    public var fields: [String: String]
    /// A generic publisher's exact claims.
    public var claims: [String: String]

    /// Creates a form.
    public init(provider: String, issuer: String? = nil, fields: [String: String] = [:], claims: [String: String] = [:])
    {
        self.provider = provider
        self.issuer = issuer
        self.fields = fields
        self.claims = claims
    }

    /// The most characters a field may have.
    public static let maximumFieldLength = 255
}

extension TrustedPublisher {
    /// The publisher `form` describes, checked; `id` names it. Throws an invalid ``ManageError``
    /// saying which field is missing or wrong.
    public init(id: String, form: PublisherForm) throws(ManageError) {
        guard let provider = Provider(rawValue: form.provider.lowercased()) else {
            throw ManageError(
                .invalid, "Unknown provider '\(form.provider.prefix(40))': use github, gitlab or generic.")
        }
        let issuer = (form.issuer?.isEmpty == false ? form.issuer : nil) ?? provider.defaultIssuerURL
        guard let issuer else { throw ManageError(.invalid, "A generic publisher needs an issuer URL.") }
        guard issuer.hasPrefix("https://") || issuer.hasPrefix("http://"), issuer.count <= 1024 else {
            throw ManageError(.invalid, "The issuer must be an http(s) URL.")
        }
        for (name, value) in form.fields.merging(form.claims, uniquingKeysWith: { $1 })
        where name.count > PublisherForm.maximumFieldLength || value.count > PublisherForm.maximumFieldLength {
            throw ManageError(.invalid, "The field '\(name.prefix(40))' is too long.")
        }
        let field = FieldReader(fields: form.fields)
        switch provider {
        case .github:
            let workflow = try field.required("workflow_filename")
            guard !workflow.contains("/"), workflow.hasSuffix(".yml") || workflow.hasSuffix(".yaml") else {
                throw ManageError(.invalid, "The workflow filename must be a file name ending in .yml or .yaml.")
            }
            let github = GitHub(
                owner: try field.required("owner"), ownerID: try field.required("owner_id"),
                repository: try field.required("repository"), workflowFilename: workflow,
                environment: field.optional("environment"))
            self.init(id: id, issuerURL: issuer, kind: .github(github))
        case .gitlab:
            let path = try field.required("workflow_filepath")
            guard !path.hasPrefix("/"), path.hasSuffix(".yml") || path.hasSuffix(".yaml") else {
                throw ManageError(.invalid, "The workflow file path must be relative and end in .yml or .yaml.")
            }
            let gitlab = GitLab(
                namespace: try field.required("namespace"), project: try field.required("project"),
                workflowFilepath: path, environment: field.optional("environment"))
            self.init(id: id, issuerURL: issuer, kind: .gitlab(gitlab))
        case .generic:
            let generic = Generic(subject: try field.required("subject"), exactClaims: form.claims)
            self.init(id: id, issuerURL: issuer, kind: .generic(generic))
        }
    }

    /// This publisher as a form (the inverse of ``init(id:form:)``).
    public var form: PublisherForm {
        var fields: [String: String] = [:]
        var claims: [String: String] = [:]
        switch kind {
        case .github(let github):
            fields = [
                "owner": github.owner, "owner_id": github.ownerID, "repository": github.repository,
                "workflow_filename": github.workflowFilename,
            ]
            fields["environment"] = github.environment
        case .gitlab(let gitlab):
            fields = [
                "namespace": gitlab.namespace, "project": gitlab.project, "workflow_filepath": gitlab.workflowFilepath,
            ]
            fields["environment"] = gitlab.environment
        case .generic(let generic):
            fields = ["subject": generic.subject]
            claims = generic.exactClaims
        }
        return PublisherForm(provider: provider.rawValue, issuer: issuerURL, fields: fields, claims: claims)
    }
}

/// Reads required and optional fields of a form.
private struct FieldReader {
    let fields: [String: String]

    func required(_ name: String) throws(ManageError) -> String {
        guard let value = optional(name) else { throw ManageError(.invalid, "The field '\(name)' is required.") }
        return value
    }

    func optional(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingSpaces, !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
