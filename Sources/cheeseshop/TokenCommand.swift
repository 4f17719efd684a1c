import ArgumentParser
import IndexCore
import IndexHTTP
import PythonPackaging

/// `cheeseshop token create NAME [--project P ...] [--expires 30d]`: prints `pypi-...` once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, Restrict.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mint an API token (a macaroon) for a user.")

        @Argument(help: "The username.") var name: String
        @Option(name: .customLong("project"), help: "Limit the token to this project (repeatable).")
        var projects: [String] = []
        @Option(help: "Lifetime, e.g. 30d, 12h or 90m; none by default.") var expires: String?
        @Option(name: .customLong("description"), help: "A note about the token.") var note = "cli"
        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            let lifetime = try expires.map(Self.seconds)
            try IndexWiring.prepare(data)
            let (name, note, projects) = (self.name, self.note, self.projects.map(ProjectName.normalize))
            let created = try await IndexWiring.withStore(data) { store in
                guard let user = try await store.user(username: name) else {
                    throw ValidationError("No user named '\(name)'.")
                }
                let clock = SystemClock()
                let now = clock.now()
                return try await TokenMinter(store: store, clock: clock, random: SystemRandom()).mint(
                    userID: user.id, description: note, projects: projects,
                    expires: lifetime.map { Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + $0) },
                    event: SecurityEvent(
                        userID: user.id, tag: "account:api_token:added", time: now,
                        details: ["name": note, "by": "cli"]))
            }
            print(created.text)
        }

        /// `30d`, `12h`, `90m` or `45s` in seconds.
        static func seconds(_ text: String) throws -> Double {
            let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
            guard let unit = text.last.flatMap({ units[$0] }), let count = Double(text.dropLast()), count > 0 else {
                throw ValidationError("Give --expires as a number and a unit: 30d, 12h, 90m or 45s.")
            }
            return count * unit
        }
    }

    /// Attenuation, as only a macaroon allows: anyone holding a token can narrow it without the
    /// server (and nobody can widen it). Reads the token on standard input.
    struct Restrict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Narrow a token read from standard input: to projects and/or a shorter lifetime.")

        @Option(name: .customLong("project"), help: "Allow only this project (repeatable).")
        var projects: [String] = []
        @Option(help: "Expire after this long, e.g. 1h.") var expires: String?

        func run() async throws {
            guard let text = readLine(strippingNewline: true) else {
                throw ValidationError("Give the token on standard input.")
            }
            var macaroon: Macaroon
            do { macaroon = try Macaroon(parsing: text) } catch { throw ValidationError(error.message) }
            if !projects.isEmpty { macaroon = macaroon.adding(.projects(named: projects)) }
            if let expires {
                let now = SystemClock().now().secondsSinceEpoch
                macaroon = macaroon.adding(
                    .expiration(expiresAt: Int64(now + (try Create.seconds(expires))), notBefore: Int64(now)))
            }
            print(macaroon.serialized)
        }
    }
}
