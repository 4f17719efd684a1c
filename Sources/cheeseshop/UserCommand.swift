import ArgumentParser
import IndexCore
import IndexHTTP

/// `cheeseshop user create NAME --email ADDR --password-stdin`, `user freeze|unfreeze NAME`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self, Freeze.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user (the administrator vouches for the address: it counts as verified).")

        @Argument(help: "The username.") var name: String
        @Option(help: "The primary e-mail address.") var email: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
        var passwordStdin = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            guard passwordStdin, let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("Give the password on standard input with --password-stdin.")
            }
            do {
                try PasswordPolicy().check(password, username: name, email: email)
            } catch {
                throw ValidationError(error.message)
            }
            try IndexWiring.prepare(data)
            let hash = try SystemRandom.passwordHasher.hash(password)
            let clock = SystemClock()
            let (name, email) = (self.name, self.email)
            let user = try await IndexWiring.withStore(data) { store in
                try await store.write { tx in
                    var user = try await tx.createUser(
                        username: name, email: email, passwordHash: hash, created: clock.now())
                    user.emailVerified = true
                    try await tx.updateUser(user)
                    try await tx.appendEvent(
                        SecurityEvent(userID: user.id, tag: "account:create", time: clock.now(), details: ["by": "cli"])
                    )
                    return user
                }
            }
            print("Created user \(user.username).")
        }
    }

    struct Freeze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze (or with --undo, unfreeze) an account: no login, no token works, sessions end.")

        @Argument(help: "The username.") var name: String
        @Flag(help: "Unfreeze instead.") var undo = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            let (name, frozen) = (self.name, !undo)
            try await IndexWiring.withStore(data) { store in
                guard var user = try await store.user(username: name) else {
                    throw ValidationError("No user named '\(name)'.")
                }
                user.isFrozen = frozen
                try await store.write { [user] tx in
                    try await tx.updateUser(user)
                    if frozen { try await tx.deleteSessions(userID: user.id) }
                    try await tx.appendEvent(
                        SecurityEvent(
                            userID: user.id, tag: frozen ? "account:frozen" : "account:unfrozen",
                            time: SystemClock().now(), details: ["by": "cli"]))
                }
            }
            print("\(frozen ? "Froze" : "Unfroze") \(name).")
        }
    }
}
