import ArgumentParser
import IndexCore

/// `cheeseshop project quarantine NAME [--reason TEXT] --as ADMIN` and `cheeseshop project
/// release NAME --as ADMIN`: an administrator's PEP 792 quarantine. The project leaves the simple
/// pages, the files, the JSON API, the feeds and the export until it is released; `--as` names
/// the account recorded in the journal and the security log.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Quarantine a project or release it (administrators).",
        subcommands: [Quarantine.self, Release.self])

    struct Quarantine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hide a project from installers and refuse every change to it, until it is released.")

        @Argument(help: "The project name (any spelling).") var project: String
        @Option(help: "Why (kept in the project's security log).") var reason = ""
        @OptionGroup var options: ManageOptions

        func run() async throws {
            let (project, reason) = (self.project, self.reason)
            let result = try await options.run { store, user in
                try await QuarantineProject(store: store, clock: SystemClock())(
                    project: project, quarantined: true, reason: reason, by: user)
            }
            print("Quarantined \(project). Serial \(result.serial).")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a quarantined project (back to active).")

        @Argument(help: "The project name (any spelling).") var project: String
        @OptionGroup var options: ManageOptions

        func run() async throws {
            let project = self.project
            let result = try await options.run { store, user in
                try await QuarantineProject(store: store, clock: SystemClock())(
                    project: project, quarantined: false, by: user)
            }
            print("Released \(project) from quarantine. Serial \(result.serial).")
        }
    }
}
