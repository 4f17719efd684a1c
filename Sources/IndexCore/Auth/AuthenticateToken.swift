/// Checks a presented API token (Warehouse's macaroon service): the macaroon parses, its row
/// exists (deleting the row revokes it), the signature chain holds under the row's root key,
/// and every caveat that does not need a project holds now. Project caveats come back as a
/// ``TokenScope`` for the use case that knows the project.
public struct AuthenticateToken: Sendable {
    let store: any IndexStore
    let clock: any IndexClock

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock) {
        self.store = store
        self.clock = clock
    }

    /// The identity `text` proves; throws ``AuthError`` (an invalid credential, "Invalid API Token: ...").
    public func callAsFunction(_ text: String) async throws -> AuthenticatedToken {
        let macaroon: Macaroon
        do {
            macaroon = try Macaroon(parsing: text)
        } catch {
            throw AuthError.invalidToken(error.message)
        }
        guard let record = try await store.token(id: TokenID(macaroon.identifier)),
            let rootKey = HexBytes.decode(record.rootKey)
        else { throw AuthError.invalidToken("macaroon not found") }
        guard macaroon.hasValidSignature(rootKey: rootKey) else {
            throw AuthError.invalidToken("signatures do not match")
        }
        let now = clock.now()
        var caveats: [TokenCaveat] = []
        let context = CaveatContext(now: now, userID: record.userID, publisherID: record.publisherID)
        for text in macaroon.caveats {
            let caveat: TokenCaveat
            do { caveat = try TokenCaveat(decoding: text) } catch { throw AuthError.invalidToken(error.message) }
            caveats.append(caveat)
            switch caveat {
            case .projectNames, .projectIDs: continue
            case .oidcPublisher(let publisher):
                // The project half of this caveat is the upload path's check (the publisher's
                // project, or the one project a pending publisher may create).
                guard publisher == record.publisherID else {
                    throw AuthError.invalidToken("current OIDC publisher does not match publisher restriction in token")
                }
            default:
                if let failure = caveat.failure(in: context) { throw AuthError.invalidToken(failure) }
            }
        }
        let user = try await record.userID.asyncMap { try await store.user(id: $0) } ?? nil
        if record.userID != nil {
            guard let user, !user.isFrozen else { throw AuthError.invalidToken("macaroon not found") }
        }
        try await store.write { tx in try await tx.recordTokenUse(id: record.id, at: now) }
        return AuthenticatedToken(record: record, user: user, scope: TokenScope(caveats: caveats))
    }
}

/// A token that passed ``AuthenticateToken``.
public struct AuthenticatedToken: Hashable, Sendable {
    /// The stored token.
    public let record: APIToken
    /// Its user (`nil` for a token a trusted publisher minted).
    public let user: User?
    /// Its project caveats.
    public let scope: TokenScope
}

/// Lowercase or uppercase hex text to bytes.
enum HexBytes {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: digit - 48
        case 97...102: digit - 87
        case 65...70: digit - 55
        default: nil
        }
    }
}

extension Optional where Wrapped: Sendable {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
