import ArgumentParser
import IndexCore
import IndexHTTP

/// `cheeseshop user create NAME --email ADDR --password-stdin`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")

        @Argument(help: "The username.") var name: String
        @Option(help: "The primary e-mail address.") var email: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
        var passwordStdin = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            guard passwordStdin, let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("Give the password on standard input with --password-stdin.")
            }
            try IndexWiring.prepare(data)
            let hash = PasswordHash.saltedSHA256(password, salt: RandomText.bytes(16))
            let clock = SystemClock()
            let (name, email) = (self.name, self.email)
            let user = try await IndexWiring.withStore(data) { store in
                try await store.write { tx in
                    try await tx.createUser(username: name, email: email, passwordHash: hash, created: clock.now())
                }
            }
            print("Created user \(user.username).")
        }
    }
}

/// Password hashes as stored. For now a salted SHA-256, marked as such so it can be told apart
/// and re-hashed: issue 4 brings Argon2id (libargon2), PyPI's choice, and replaces this.
enum PasswordHash {
    /// `$sha256-salted$<salt base64url>$<hex sha256(salt + password)>`.
    static func saltedSHA256(_ password: String, salt: [UInt8]) -> String {
        let digest = APITokenString.sha256Hex(salt + Array(password.utf8))
        return "$sha256-salted$\(APITokenString.base64URL(salt))$\(digest)"
    }
}

/// Random bytes from the system's secure generator (getrandom on Linux).
enum RandomText {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
