/// The JSON text of ``StoredPublisher/definition``: the provider and its fields (the issuer is
/// stored beside it), keys sorted, e.g.
/// `{"owner":"octo","owner_id":"1","provider":"github","repository":"demo","workflow_filename":"release.yml"}`.
extension TrustedPublisher {
    /// The stored definition of this publisher.
    public var definition: String {
        let form = self.form
        var members = form.fields.map { JSONMember($0.key, .string($0.value)) }
        members.append(JSONMember("provider", .string(form.provider)))
        if !form.claims.isEmpty {
            let claims = form.claims.sorted { $0.key < $1.key }.map { JSONMember($0.key, .string($0.value)) }
            members.append(JSONMember("claims", .object(claims)))
        }
        return JSONValue.object(members.sorted { $0.key < $1.key }).text
    }

    /// The publisher a stored record describes; a definition that does not parse or check
    /// throws an invalid ``ManageError``.
    public init(stored: StoredPublisher) throws(ManageError) {
        try self.init(id: stored.id, issuerURL: stored.issuer, definition: stored.definition)
    }

    /// The publisher with this id, issuer and definition text.
    public init(id: String, issuerURL: String, definition: String) throws(ManageError) {
        guard case .object(let members)? = CaveatJSONParser.parse(definition) else {
            throw ManageError(.invalid, "The publisher definition is not a JSON object.")
        }
        var form = PublisherForm(provider: "", issuer: issuerURL)
        for member in members {
            switch (member.key, member.value) {
            case ("provider", .string(let provider)): form.provider = provider
            case ("claims", .object(let claims)):
                for claim in claims {
                    guard case .string(let value) = claim.value else {
                        throw ManageError(.invalid, "The publisher's claims must be strings.")
                    }
                    form.claims[claim.key] = value
                }
            case (let key, .string(let value)): form.fields[key] = value
            default: throw ManageError(.invalid, "The publisher field '\(member.key.prefix(40))' must be a string.")
            }
        }
        try self.init(id: id, form: form)
    }
}
