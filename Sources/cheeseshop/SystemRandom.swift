import IndexCore
import IndexSecurity

/// The system's CSPRNG (getrandom on Linux) as the ``RandomSource`` port.
struct SystemRandom: RandomSource {
    func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The production password hasher: Argon2id with PyPI's parameters, salts from here.
    static var passwordHasher: Argon2idPasswordHasher {
        Argon2idPasswordHasher(randomBytes: { SystemRandom().bytes($0) })
    }
}
