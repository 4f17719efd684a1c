import CArgon2
import IndexCore

/// Argon2id password hashes (RFC 9106) in the PHC string form
/// `$argon2id$v=19$m=1024,t=6,p=6$<salt>$<hash>`, on the reference implementation (Debian's
/// libargon2). PyPI's parameters by default. Also verifies Cheeseshop's earlier placeholder
/// scheme (``LegacySaltedSHA256Password``) and reports it, or Argon2id hashes made with other
/// parameters, as ``PasswordCheck/validNeedsRehash``.
public struct Argon2idPasswordHasher: PasswordHasher {
    /// Cost parameters and sizes.
    public struct Parameters: Hashable, Sendable {
        /// Passes over memory (`t`). PyPI: 6.
        public var timeCost: UInt32
        /// Memory in KiB (`m`). PyPI: 1024.
        public var memoryKiB: UInt32
        /// Lanes (`p`). PyPI: 6.
        public var parallelism: UInt32
        /// Salt bytes. 16.
        public var saltLength: Int
        /// Hash bytes. 32.
        public var hashLength: Int

        /// Creates parameters; the defaults are PyPI's (`warehouse/accounts/services.py`).
        public init(
            timeCost: UInt32 = 6, memoryKiB: UInt32 = 1024, parallelism: UInt32 = 6, saltLength: Int = 16,
            hashLength: Int = 32
        ) {
            self.timeCost = timeCost
            self.memoryKiB = memoryKiB
            self.parallelism = parallelism
            self.saltLength = saltLength
            self.hashLength = hashLength
        }
    }

    /// The parameters new hashes get.
    public let parameters: Parameters
    private let randomBytes: @Sendable (Int) -> [UInt8]

    /// A hasher with `parameters` that draws salts from `randomBytes` (a secure source in
    /// production, e.g. ``systemRandomBytes(_:)``; fixed bytes in tests).
    public init(parameters: Parameters = Parameters(), randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.parameters = parameters
        self.randomBytes = randomBytes
    }

    /// `count` bytes from the operating system's secure generator.
    public static func systemRandomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    public func hash(_ password: String) throws -> String {
        let bytes = Array(password.utf8)
        guard bytes.count <= PasswordHashError.maximumPasswordBytes else { throw PasswordHashError.tooLong }
        let salt = randomBytes(parameters.saltLength)
        var encoded = [CChar](repeating: 0, count: 128 + 2 * (salt.count + parameters.hashLength))
        let status = encoded.withUnsafeMutableBufferPointer { output in
            argon2id_hash_encoded(
                parameters.timeCost, parameters.memoryKiB, parameters.parallelism, bytes, bytes.count, salt,
                salt.count, parameters.hashLength, output.baseAddress, output.count)
        }
        guard status == ARGON2_OK.rawValue else {
            throw PasswordHashError("Password hashing failed (argon2 error \(status)).", kind: .internalFailure)
        }
        let length = encoded.firstIndex(of: 0) ?? encoded.count
        return String(decoding: encoded[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func verify(_ password: String, against stored: String) -> PasswordCheck {
        let bytes = Array(password.utf8)
        guard bytes.count <= PasswordHashError.maximumPasswordBytes else { return .invalid }
        if let legacy = LegacySaltedSHA256Password.matches(password, stored: stored) {
            return legacy ? .validNeedsRehash : .invalid
        }
        guard let stored = PHCArgon2idString(stored), !stored.text.utf8.contains(0) else { return .invalid }
        guard argon2id_verify(stored.text, bytes, bytes.count) == ARGON2_OK.rawValue else { return .invalid }
        let current =
            stored.version == 19 && stored.memoryKiB == parameters.memoryKiB
            && stored.timeCost == parameters.timeCost && stored.parallelism == parameters.parallelism
        return current ? .valid : .validNeedsRehash
    }
}
