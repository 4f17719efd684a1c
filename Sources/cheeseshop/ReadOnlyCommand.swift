import ArgumentParser
import IndexCore
import IndexSQL

/// `cheeseshop read-only on|off|status`: read-only mode for every node of the deployment (the
/// setting lives in the database; each node looks at it every `--journal-refresh` seconds).
struct ReadOnlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-only",
        abstract: "Turn read-only mode on or off for every node (uploads and other changes answer 503).")

    @Argument(help: "on, off, or status.") var state: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        let data = try await self.data.resolve()
        guard ["on", "off", "status"].contains(state) else { throw ValidationError("Say on, off or status.") }
        try IndexWiring.prepare(data)
        let now = try await IndexWiring.withStore(data) { store in
            if state != "status" {
                let value = state
                try await store.write { transaction in
                    try await transaction.setSetting(ReadOnlyMode.settingName, to: value)
                }
            }
            return ReadOnlyMode.isOn(try await store.setting(ReadOnlyMode.settingName))
        }
        print(
            now
                ? "Read-only mode is on: uploads and changes answer 503 (\"\(ReadOnlyMode.uploadMessage)\")."
                : "Read-only mode is off.")
    }
}
