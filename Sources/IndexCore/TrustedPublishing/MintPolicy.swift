/// The numbers of trusted publishing, as Warehouse uses them (`warehouse/oidc/`): how long a
/// minted upload token lives, how much clock skew a JWT may have, and how long a `jti` stays
/// locked against replay.
public struct MintPolicy: Hashable, Sendable {
    /// Lifetime of a minted API token, in seconds (Warehouse: 900, i.e. 15 minutes).
    public var tokenLifetime: Double
    /// Clock skew accepted on `exp`, `iat`, `nbf`, in seconds (Warehouse: 30).
    public var leeway: Double
    /// Extra seconds a used `jti` stays locked after the token could no longer be accepted
    /// (Warehouse: 5, fixing TOB-PYPI26-1, a lock shorter than the leeway).
    public var jtiLockMargin: Double

    /// Warehouse's values unless told otherwise.
    public init(tokenLifetime: Double = 900, leeway: Double = 30, jtiLockMargin: Double = 5) {
        self.tokenLifetime = tokenLifetime
        self.leeway = leeway
        self.jtiLockMargin = jtiLockMargin
    }

    /// When a token minted at `now` expires.
    public func mintedTokenExpiry(mintedAt now: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + tokenLifetime)
    }

    /// Until when the `jti` of a JWT expiring at `exp` must stay locked: exp + leeway + margin,
    /// so that no replay can land while the token is still acceptable.
    public func jtiLockExpiry(tokenExpiry exp: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: exp.secondsSinceEpoch + leeway + jtiLockMargin)
    }
}
