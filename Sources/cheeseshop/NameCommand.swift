import ArgumentParser
import IndexCore
import PythonPackaging

/// `cheeseshop name prohibit NAME [--comment TEXT]`, `cheeseshop name allow NAME`.
struct NameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name", abstract: "Prohibit project names, or lift a reservation.",
        subcommands: [Prohibit.self, Allow.self])

    struct Prohibit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse this name to every new project.")

        @Argument(help: "The project name (any spelling).") var name: String
        @Option(help: "Why (kept for administrators).") var comment = ""
        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            let reservation = ReservedName(
                normalizedName: ProjectName.normalize(name), reason: .prohibited, until: nil, comment: comment,
                created: SystemClock().now())
            try IndexWiring.prepare(data)
            try await IndexWiring.withStore(data) { store in
                try await store.write { tx in try await tx.reserveName(reservation) }
            }
            print("Prohibited \(reservation.normalizedName).")
        }
    }

    struct Allow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a prohibition or a deleted project's cool-down.")

        @Argument(help: "The project name (any spelling).") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            let normalized = ProjectName.normalize(name)
            try await IndexWiring.withStore(data) { store in
                try await store.write { tx in try await tx.deleteReservedName(normalized) }
            }
            print("Allowed \(normalized).")
        }
    }
}
