import Crypto

/// An API token as a macaroon (Birgisson et al. 2014), as Warehouse mints them
/// (`warehouse/macaroons/services.py`): a per-token root key kept in the token's database row
/// signs the identifier, and every caveat extends an HMAC-SHA256 chain, so whoever holds a token
/// can attenuate it by appending a caveat but nobody can remove one without the root key.
public struct Macaroon: Hashable, Sendable {
    /// Where the token is meant to be used (e.g. `pypi.org`); not signed, informational.
    public var location: String
    /// The token row's public identifier, used to look up the root key.
    public var identifier: String
    /// The caveats in order, each the JSON text of a ``TokenCaveat``.
    public var caveats: [String]
    /// The chained HMAC-SHA256 over the identifier and every caveat (32 bytes).
    public var signature: [UInt8]

    /// The most caveats a token may carry.
    public static let maximumCaveats = 64
    /// The longest caveat in UTF-8 bytes.
    public static let maximumCaveatBytes = 1024

    /// Mints a token: `signature = HMAC-SHA256(rootKey, identifier)`, no caveats.
    public init(rootKey: [UInt8], identifier: String, location: String) {
        self.location = location
        self.identifier = identifier
        self.caveats = []
        self.signature = Self.mac(key: rootKey, message: Array(identifier.utf8))
    }

    /// A token with the fields as given, unchecked (used by parsing and by tests).
    public init(location: String, identifier: String, caveats: [String], signature: [UInt8]) {
        self.location = location
        self.identifier = identifier
        self.caveats = caveats
        self.signature = signature
    }

    /// This token narrowed by `caveat`: `signature' = HMAC-SHA256(key: signature, caveat)`.
    /// Needs no root key.
    public func adding(caveat: String) -> Macaroon {
        var copy = self
        copy.caveats.append(caveat)
        copy.signature = Self.mac(key: signature, message: Array(caveat.utf8))
        return copy
    }

    /// This token narrowed by `caveat` in its JSON form.
    public func adding(_ caveat: TokenCaveat) -> Macaroon {
        adding(caveat: caveat.json)
    }

    /// Whether the signature is the chain from `rootKey` over the identifier and the caveats in
    /// their order, compared in constant time.
    public func hasValidSignature(rootKey: [UInt8]) -> Bool {
        var expected = Self.mac(key: rootKey, message: Array(identifier.utf8))
        for caveat in caveats {
            expected = Self.mac(key: expected, message: Array(caveat.utf8))
        }
        return ConstantTime.equals(expected, signature)
    }

    static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
