import ArgumentParser
import IndexCore
import IndexHTTP
import PythonPackaging

/// `cheeseshop token create NAME [--project P ...] [--expires 30d]`: prints `pypi-...` once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mint an API token for a user.")

        @Argument(help: "The username.") var name: String
        @Option(name: .customLong("project"), help: "Limit the token to this project (repeatable).")
        var projects: [String] = []
        @Option(help: "Lifetime, e.g. 30d, 12h or 90m; none by default.") var expires: String?
        @Option(name: .customLong("description"), help: "A note about the token.") var note = ""
        @OptionGroup var data: DataOptions

        func run() async throws {
            let lifetime = try expires.map(Self.seconds)
            try IndexWiring.prepare(data)
            let token = APITokenString(
                id: TokenID(APITokenString.base64URL(RandomText.bytes(9))),
                secret: APITokenString.base64URL(RandomText.bytes(32)))
            let (name, note, projects) = (self.name, self.note, self.projects)
            try await IndexWiring.withStore(data) { store in
                guard let user = try await store.user(username: name) else {
                    throw ValidationError("No user named '\(name)'.")
                }
                let now = SystemClock().now()
                let record = APIToken(
                    id: token.id, userID: user.id, description: note, rootKey: token.secretDigest,
                    projects: projects.map(ProjectName.normalize),
                    expires: lifetime.map { Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + $0) }, created: now)
                try await store.write { try await $0.createToken(record) }
            }
            print(token.text)
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
}
