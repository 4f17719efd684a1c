import Crypto

/// Token leak reports (Warehouse's `integrations/secrets`): a code host that found `pypi-...`
/// strings in public code posts them, signed with its key. Every genuine token among them is
/// revoked (its row deleted), its owner mailed, and the event logged. A report whose signature
/// does not verify changes nothing.
public struct RevokeLeakedTokens: Sendable {
    let store: any IndexStore
    let clock: any IndexClock
    let mailer: any Mailer
    let keys: any LeakReporterKeys

    /// Creates the use case on its ports.
    public init(store: any IndexStore, clock: any IndexClock, mailer: any Mailer, keys: any LeakReporterKeys) {
        self.store = store
        self.clock = clock
        self.mailer = mailer
        self.keys = keys
    }

    /// One reported token.
    public struct Disclosure: Hashable, Sendable {
        /// The token text found.
        public var token: String
        /// Where it was found.
        public var url: String

        /// Creates a disclosure.
        public init(token: String, url: String) {
            self.token = token
            self.url = url
        }
    }

    /// Checks the report's ECDSA P-256/SHA-256 signature (DER, base64) over the raw body with
    /// the reporter's key `keyID`, then revokes the genuine tokens; returns how many.
    public func callAsFunction(
        body: [UInt8], keyID: String, signature: String, disclosures: (([UInt8]) throws -> [Disclosure])
    ) async throws -> Int {
        guard let pem = try await keys.publicKey(id: keyID),
            let key = try? P256.Signing.PublicKey(pemRepresentation: pem),
            let der = StandardBase64.decode(signature),
            let parsed = try? P256.Signing.ECDSASignature(derRepresentation: der),
            key.isValidSignature(parsed, for: body)
        else { throw AuthError(.invalid, "Invalid signature.") }
        let reported: [Disclosure]
        do { reported = try disclosures(body) } catch { throw AuthError(.invalid, "Invalid report.") }
        var revoked = 0
        for disclosure in reported.prefix(1000) {
            guard let macaroon = try? Macaroon(parsing: disclosure.token),
                let record = try await store.token(id: TokenID(macaroon.identifier)),
                let rootKey = HexBytes.decode(record.rootKey), macaroon.hasValidSignature(rootKey: rootKey)
            else { continue }
            let now = clock.now()
            try await store.write { tx in
                try await tx.deleteToken(id: record.id)
                try await tx.appendEvent(
                    SecurityEvent(
                        userID: record.userID, tag: "account:api_token:removed_leak", time: now,
                        details: ["name": record.description, "url": disclosure.url]))
            }
            if let userID = record.userID, let user = try await store.user(id: userID) {
                try? await mailer.send(
                    to: user.email, subject: "An API token of yours was found in public and revoked",
                    body: "Your API token '\(record.description)' was found at \(disclosure.url) and has been "
                        + "revoked. Create a new one and keep it secret.\n")
            }
            revoked += 1
        }
        return revoked
    }
}

/// The public keys a leak reporter signs with, by key id (PEM), e.g. GitHub's
/// `meta/public_keys/secret_scanning` document behind a configured URL.
public protocol LeakReporterKeys: Sendable {
    /// The PEM public key named `id`, or `nil`.
    func publicKey(id: String) async throws -> String?
}
