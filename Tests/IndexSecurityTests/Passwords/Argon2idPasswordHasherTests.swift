import IndexCore
import IndexSecurity
import Testing

@Suite struct Argon2idPasswordHasherTests {
    /// libargon2's own test vector (test.c): argon2id, v=19, t=2, m=65536, p=1.
    static let referenceHash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
    static let referenceParameters = Argon2idPasswordHasher.Parameters(
        timeCost: 2, memoryKiB: 65536, parallelism: 1, saltLength: 8, hashLength: 32)

    let fixedSalt: @Sendable (Int) -> [UInt8] = { count in (0..<count).map { UInt8($0) } }

    @Test func reproducesTheReferenceVector() throws {
        let hasher = Argon2idPasswordHasher(parameters: Self.referenceParameters) { _ in Array("somesalt".utf8) }
        #expect(try hasher.hash("password") == Self.referenceHash)
        #expect(hasher.verify("password", against: Self.referenceHash) == .valid)
    }

    @Test func otherParametersNeedRehash() {
        let hasher = Argon2idPasswordHasher(randomBytes: fixedSalt)
        #expect(hasher.verify("password", against: Self.referenceHash) == .validNeedsRehash)
        #expect(hasher.verify("Password", against: Self.referenceHash) == .invalid)
    }

    @Test func roundTripsWithPyPIDefaults() throws {
        let hasher = Argon2idPasswordHasher(randomBytes: fixedSalt)
        let stored = try hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("$argon2id$v=19$m=1024,t=6,p=6$AAECAwQFBgcICQoLDA0ODw$"))
        #expect(hasher.verify("correct horse battery staple", against: stored) == .valid)
        #expect(hasher.verify("correct horse battery stapl", against: stored) == .invalid)
        #expect(hasher.verify("", against: stored) == .invalid)
    }

    @Test(arguments: [
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFiFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=3,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHq$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$sha256-salted$AAEC$00", "plaintext", "",
    ])
    func tamperedOrUnknownHashesAreInvalid(stored: String) {
        let hasher = Argon2idPasswordHasher(parameters: Self.referenceParameters, randomBytes: fixedSalt)
        #expect(hasher.verify("password", against: stored) == .invalid)
    }

    @Test func legacyPlaceholderHashesVerifyAndNeedRehash() {
        let hasher = Argon2idPasswordHasher(randomBytes: fixedSalt)
        let legacy = LegacySaltedSHA256Password.hash("hunter22!", salt: Array(0..<16))
        // Python: "$sha256-salted$" + urlsafe_b64(salt) + "$" + sha256(salt + password).hexdigest()
        #expect(
            legacy
                == "$sha256-salted$AAECAwQFBgcICQoLDA0ODw$f32802b8e48e255d5e6bde096b9a5e7b79b3eb4bfbc63cb5cfb21f17711e5fdf"
        )
        #expect(hasher.verify("hunter22!", against: legacy) == .validNeedsRehash)
        #expect(hasher.verify("hunter22", against: legacy) == .invalid)
    }

    @Test func passwordsOverTheLimitAreRefused() throws {
        let hasher = Argon2idPasswordHasher(
            parameters: .init(timeCost: 1, memoryKiB: 64, parallelism: 1), randomBytes: fixedSalt)
        let limit = String(repeating: "p", count: PasswordHashError.maximumPasswordBytes)
        let stored = try hasher.hash(limit)
        #expect(hasher.verify(limit, against: stored) == .valid)
        #expect(throws: PasswordHashError.tooLong) { try hasher.hash(limit + "p") }
        #expect(hasher.verify(limit + "p", against: stored) == .invalid)
    }

    @Test func libraryFailuresBecomeServerErrors() {
        let hasher = Argon2idPasswordHasher(
            parameters: .init(timeCost: 1, memoryKiB: 1, parallelism: 1), randomBytes: fixedSalt)
        #expect(throws: PasswordHashError.self) { try hasher.hash("password") }
        #expect(PasswordHashError.tooLong.description == "Password too long.")
    }
}
