import ArgumentParser
import IndexCore
import PythonPackaging

/// `cheeseshop name prohibit NAME [--comment TEXT]`, `cheeseshop name allow NAME`, and the private
/// names a proxy never fetches upstream: `cheeseshop name reserve 'acme-*'`, `unreserve`, `reserved`.
struct NameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name", abstract: "Prohibit project names, lift a reservation, or reserve private names.",
        subcommands: [Prohibit.self, Allow.self, Reserve.self, Unreserve.self, Reserved.self])

    struct Reserve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reserve names for private projects: never fetched from an upstream index, and "
                + "free to upload here even when an upstream has them.")

        @Argument(help: "Names or patterns, '*' standing for any characters (e.g. 'acme-*').") var patterns: [String]
        @OptionGroup var data: DataOptions

        func run() async throws {
            let added = PrivateNames(patterns: patterns)
            guard !added.patterns.isEmpty else { throw ValidationError("Give at least one name or pattern.") }
            let names = try await NameCommand.updatePrivateNames(data) { $0 + added.patterns }
            print("Reserved \(added.patterns.joined(separator: ", ")); \(names.patterns.count) private names in all.")
        }
    }

    struct Unreserve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift private name reservations.")

        @Argument(help: "Names or patterns, as reserved.") var patterns: [String]
        @OptionGroup var data: DataOptions

        func run() async throws {
            let removed = Set(PrivateNames(patterns: patterns).patterns)
            let names = try await NameCommand.updatePrivateNames(data) { current in
                let missing = removed.subtracting(current).sorted()
                guard missing.isEmpty else {
                    throw ValidationError("Not reserved: \(missing.joined(separator: ", ")).")
                }
                return current.filter { !removed.contains($0) }
            }
            print("Unreserved \(removed.sorted().joined(separator: ", ")); \(names.patterns.count) private names left.")
        }
    }

    struct Reserved: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the private names, one per line.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let data = try await self.data.resolve()
            let names = try await IndexWiring.withStore(data) { store in
                PrivateNames(setting: try await store.setting(PrivateNames.settingName))
            }
            for pattern in names.patterns { print(pattern) }
        }
    }

    /// Changes the private names in one transaction; returns them as stored.
    static func updatePrivateNames(_ options: DataOptions, _ change: @escaping @Sendable ([String]) throws -> [String])
        async throws -> PrivateNames
    {
        let data = try await options.resolve()
        try IndexWiring.prepare(data)
        return try await IndexWiring.withStore(data) { store in
            try await store.write { tx in
                let current = PrivateNames(setting: try await tx.setting(PrivateNames.settingName))
                let updated = PrivateNames(patterns: try change(current.patterns))
                try await tx.setSetting(PrivateNames.settingName, to: updated.setting)
                return updated
            }
        }
    }

    struct Prohibit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse this name to every new project.")

        @Argument(help: "The project name (any spelling).") var name: String
        @Option(help: "Why (kept for administrators).") var comment = ""
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let (name, comment) = (self.name, self.comment)
            try await options.run { admin, _ in try await admin.prohibitName(name, comment: comment, by: .commandLine) }
            print("Prohibited \(ProjectName.normalize(name)).")
        }
    }

    struct Allow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a prohibition or a deleted project's cool-down.")

        @Argument(help: "The project name (any spelling).") var name: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let name = self.name
            try await options.run { admin, _ in try await admin.allowName(name, by: .commandLine) }
            print("Allowed \(ProjectName.normalize(name)).")
        }
    }
}
