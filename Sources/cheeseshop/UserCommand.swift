import ArgumentParser
import IndexCore
import IndexHTTP

/// `cheeseshop user create NAME --email ADDR --password-stdin`, `user freeze NAME [--undo]`,
/// `user role NAME ROLE`, `user reset-2fa NAME`, `user verify-email NAME`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self, Freeze.self, Role.self, ResetTwoFactor.self, VerifyEmail.self])

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
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let (name, frozen) = (self.name, !undo)
            try await options.run { admin, _ in try await admin.freeze(username: name, frozen: frozen, by: .commandLine) }
            print("\(frozen ? "Froze" : "Unfroze") \(name).")
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an account a site role: observer (files reports through the API), moderator (the "
                + "reports queue, quarantine), administrator (everything), or none.")

        @Argument(help: "The username.") var name: String
        @Argument(help: "none, observer, moderator or administrator.") var role: String

        @OptionGroup var options: AdminOptions

        func run() async throws {
            guard let role = SiteRole(name: role) else {
                throw ValidationError("Say none, observer, moderator or administrator.")
            }
            let name = self.name
            try await options.run { admin, _ in try await admin.setSiteRole(username: name, role: role, by: .commandLine) }
            print("\(name) is now \(role.name).")
        }
    }

    struct ResetTwoFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-2fa",
            abstract: "Remove an account's second factor and recovery codes, and end its sessions.")

        @Argument(help: "The username.") var name: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let name = self.name
            try await options.run { admin, _ in try await admin.resetTwoFactor(username: name, by: .commandLine) }
            print("Reset the second factor of \(name).")
        }
    }

    struct VerifyEmail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-email", abstract: "Mark an account's address verified.")

        @Argument(help: "The username.") var name: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let name = self.name
            try await options.run { admin, _ in try await admin.verifyEmail(username: name, by: .commandLine) }
            print("Verified the address of \(name).")
        }
    }
}
