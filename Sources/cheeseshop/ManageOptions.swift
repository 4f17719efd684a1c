import ArgumentParser
import Foundation
import IndexCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The options of every management command (`yank`, `unyank`, `delete ...`): the acting user
/// and the data directory. The commands run beside a live server: SQLite's WAL and the journal
/// let the server see what they change.
struct ManageOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The acting user: an Owner of the project (yank and unyank: an Owner or Maintainer).",
            valueName: "user"))
    var username: String
    @OptionGroup var data: DataOptions

    /// Runs `action` as the acting user on the index store, closing the store afterwards. A
    /// refusal (``ManageError``) or an unknown user is printed on standard error and ends the
    /// command with a non-zero status.
    func run<T: Sendable>(
        _ action: (any IndexStore, User) async throws -> T
    ) async throws -> T {
        let data = try await self.data.resolve()
        try IndexWiring.prepare(data)
        let username = self.username
        do {
            return try await IndexWiring.withStore(data) { store in
                guard let user = try await store.user(username: username) else {
                    throw ManageError(.notFound, "No user named '\(username)'.")
                }
                return try await action(store, user)
            }
        } catch let error as ManageError {
            Console.error(error.message)
            throw ExitCode.failure
        }
    }
}

/// Writing to the operator.
enum Console {
    /// Prints `message` on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether standard input is a terminal (someone can answer a question).
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1
    }

    /// Asks `question` on standard error and reads a yes/no answer; anything but `y` or `yes` is no.
    static func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
