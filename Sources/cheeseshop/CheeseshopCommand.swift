import ArgumentParser
import NIOCore
import NIOPosix

/// The entry point: Swift concurrency's global executor becomes NIO's event loops (as Vapor's
/// template does), so a request no longer hops between NIO's threads and the cooperative pool:
/// measured about a third more requests/s on a simple page (BENCHMARKS.md). Then the command.
@main
enum Entrypoint {
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await CheeseshopCommand.main()
    }
}

/// The `cheeseshop` executable: serve the index, manage users, tokens, yanks and deletions
/// (DESIGN.md §5).
struct CheeseshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cheeseshop",
        abstract: "A Python package index server.",
        subcommands: [
            ServeCommand.self, UserCommand.self, TokenCommand.self, YankCommand.self, UnyankCommand.self,
            DeleteCommand.self,
        ])
}

/// The options every command shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The data directory (index.sqlite and files/).")
    var data: String = "./data"

    /// The index database file.
    var databasePath: String { "\(data)/index.sqlite" }
    /// The blob store root.
    var filesPath: String { "\(data)/files" }
}
