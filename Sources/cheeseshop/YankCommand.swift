import ArgumentParser
import IndexCore

/// `cheeseshop yank PROJECT VERSION [--reason TEXT] --as USER` (PEP 592).
struct YankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yank", abstract: "Yank a release: installers skip it unless it is pinned exactly.")

    @Argument(help: "The project name (any spelling).") var project: String
    @Argument(help: "The version.") var version: String
    @Option(help: "Why the release is yanked (shown to installers).") var reason = ""
    @OptionGroup var options: ManageOptions

    func run() async throws {
        let (project, version, reason) = (self.project, self.version, self.reason)
        let result = try await options.run { store, user in
            try await YankRelease(store: store, clock: SystemClock())
                .yank(project: project, version: version, reason: reason, by: user)
        }
        let because = reason.isEmpty ? "" : " (reason: \(reason))"
        print("Yanked \(project) \(version)\(because). Serial \(result.serial).")
    }
}

/// `cheeseshop unyank PROJECT VERSION --as USER`: takes a yank back.
struct UnyankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unyank", abstract: "Take back the yank of a release.")

    @Argument(help: "The project name (any spelling).") var project: String
    @Argument(help: "The version.") var version: String
    @OptionGroup var options: ManageOptions

    func run() async throws {
        let (project, version) = (self.project, self.version)
        let result = try await options.run { store, user in
            try await YankRelease(store: store, clock: SystemClock()).unyank(
                project: project, version: version, by: user)
        }
        print("Unyanked \(project) \(version). Serial \(result.serial).")
    }
}
