import ArgumentParser

/// The `cheeseshop` executable: serve the index, manage users, tokens, yanks and deletions
/// (DESIGN.md §5).
@main
struct CheeseshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cheeseshop",
        abstract: "A Python package index server.",
        subcommands: [
            ServeCommand.self, UserCommand.self, TokenCommand.self, YankCommand.self, UnyankCommand.self,
            DeleteCommand.self, NameCommand.self,
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
