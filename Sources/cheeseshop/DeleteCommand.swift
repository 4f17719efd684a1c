import ArgumentParser
import IndexCore
import IndexStorage

/// `cheeseshop delete file|release|project ... --as USER --yes`: permanent removals (Owners only).
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a file, a release or a project, permanently.",
        discussion: """
            Deleting is permanent and filenames can never be reused: a deleted file's name cannot be \
            uploaded again, even with other contents. Yanking a release is usually what you want.
            """,
        subcommands: [File.self, Release.self, Project.self])
}

/// The options of the `delete` subcommands: the acting user, the data directory and `--yes`.
struct DeleteOptions: ParsableArguments {
    @Flag(help: "Delete without asking (required when standard input is not a terminal).")
    var yes = false
    @OptionGroup var manage: ManageOptions

    /// Confirms with the operator (unless `--yes`), runs `delete`, removes the blobs it left
    /// unreferenced from the blob store, and prints `done` with the new serial.
    func perform(
        _ what: String, warning: String,
        _ delete: @escaping (any IndexStore, User) async throws -> ManageResult
    ) async throws {
        guard yes || confirmed(what, warning: warning) else { throw ExitCode.failure }
        let result = try await manage.run(delete)
        let failures = try await IndexWiring.withBlobs(try await manage.data.resolve()) { blobs in
            await result.removeUnreferencedBlobs(from: blobs)
        }
        for failure in failures {
            Console.error("Could not remove the stored file '\(failure.path)': \(failure.problem).")
        }
        let removed = result.unreferencedBlobPaths.count - failures.count
        let failed = !failures.isEmpty
        print("Deleted \(what); removed \(removed) stored file\(removed == 1 ? "" : "s"). Serial \(result.serial).")
        if failed { throw ExitCode.failure }
    }

    /// Asks on a terminal; refuses without asking otherwise.
    private func confirmed(_ what: String, warning: String) -> Bool {
        guard Console.isInteractive else {
            Console.error("\(warning)\nRun again with --yes to delete \(what).")
            return false
        }
        Console.error(warning)
        guard Console.confirm("Delete \(what)?") else {
            Console.error("Nothing was deleted.")
            return false
        }
        return true
    }
}
