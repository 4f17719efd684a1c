import PythonPackaging

/// A restriction carried by an API token, in Warehouse's JSON array forms
/// (`warehouse/macaroons/caveats/__init__.py`). Each is serialized compactly, e.g.
/// `[0,1767229200,1767225600]`.
public enum TokenCaveat: Hashable, Sendable {
    /// `[0, expires_at, not_before]`: valid for Unix seconds in `notBefore ..< expiresAt`.
    case expiration(expiresAt: Int64, notBefore: Int64)
    /// `[1, ["name", ...]]`: only for these projects (normalized names).
    case projectNames([String])
    /// `[2, ["id", ...]]`: only for these projects (row ids as strings).
    case projectIDs([String])
    /// `[3, "user-id"]`: only when the request is authenticated as this user.
    case requestUser(String)
    /// `[4, "publisher-id"]`: only for a request identified by this trusted (OIDC) publisher.
    case oidcPublisher(String)

    /// A project-name caveat with every name normalized (PEP 503).
    public static func projects(named names: [String]) -> TokenCaveat {
        .projectNames(names.map { ProjectName($0).normalized })
    }

    /// The compact JSON text (no spaces), as Warehouse's `serialize`.
    public var json: String { jsonValue.text }

    var jsonValue: JSONValue {
        switch self {
        case .expiration(let expiresAt, let notBefore): .array([.int(0), .int(expiresAt), .int(notBefore)])
        case .projectNames(let names): .array([.int(1), .array(names.map { .string($0) })])
        case .projectIDs(let ids): .array([.int(2), .array(ids.map { .string($0) })])
        case .requestUser(let user): .array([.int(3), .string(user)])
        case .oidcPublisher(let publisher): .array([.int(4), .string(publisher)])
        }
    }

    /// Decodes a caveat's JSON text. Throws Warehouse's deserialization messages ("caveat must be
    /// an array", "caveat array cannot be empty", "caveat has unknown tag: 9", "Not enough
    /// values", "invalid values for fields"); a token with such a caveat is refused.
    public init(decoding text: String) throws(TokenError) {
        guard let value = CaveatJSONParser.parse(text) else { throw TokenError("caveat must be an array") }
        guard case .array(let items) = value else { throw TokenError("caveat must be an array") }
        guard let tag = items.first else { throw TokenError("caveat array cannot be empty") }
        guard case .int(let number) = tag, (0...4).contains(number) else {
            throw TokenError("caveat has unknown tag: \(tag.text)")
        }
        let fields = Array(items.dropFirst())
        let needed = number == 0 ? 2 : 1
        guard fields.count >= needed else { throw TokenError("Not enough values") }
        guard fields.count == needed else { throw TokenError("invalid values for fields") }
        switch (number, fields[0], fields.last) {
        case (0, .int(let expiresAt), .int(let notBefore)?):
            self = .expiration(expiresAt: expiresAt, notBefore: notBefore)
        case (1, .array(let names), _):
            guard let strings = Self.strings(names) else { throw TokenError("invalid values for fields") }
            self = .projectNames(strings)
        case (2, .array(let ids), _):
            guard let strings = Self.strings(ids) else { throw TokenError("invalid values for fields") }
            self = .projectIDs(strings)
        case (3, .string(let user), _): self = .requestUser(user)
        case (4, .string(let publisher), _): self = .oidcPublisher(publisher)
        default: throw TokenError("invalid values for fields")
        }
    }

    private static func strings(_ values: [JSONValue]) -> [String]? {
        var result: [String] = []
        for value in values {
            guard case .string(let string) = value else { return nil }
            result.append(string)
        }
        return result
    }
}
