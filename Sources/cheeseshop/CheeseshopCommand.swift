import ArgumentParser
import Foundation

/// The `cheeseshop` executable: serve the index, manage users, tokens, yanks and deletions
/// (DESIGN.md §5).
@main
struct CheeseshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cheeseshop",
        abstract: "A Python package index server.",
        subcommands: [
            ServeCommand.self, UserCommand.self, TokenCommand.self, YankCommand.self, UnyankCommand.self,
            DeleteCommand.self, NameCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self,
            ReadOnlyCommand.self,
        ])
}

/// The options every command shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The data directory (index.sqlite and files/).")
    var data: String = "./data"
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL instead of index.sqlite: postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require] "
                + "(default: $CHEESESHOP_DATABASE_URL).",
            valueName: "url"))
    var databaseURL: String?
    @Option(name: .customLong("database-pool-size"), help: "The most PostgreSQL connections this process opens.")
    var databasePoolSize = 20

    @Option(
        name: .customLong("storage-url"),
        help: ArgumentHelp(
            "Files in an S3-compatible bucket instead of files/: s3://BUCKET (default: $CHEESESHOP_STORAGE_URL; "
                + "endpoint, region and credentials from AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID, "
                + "AWS_SECRET_ACCESS_KEY).",
            valueName: "url"))
    var storageURL: String?

    /// The S3 storage URL from the option or the environment, if any.
    var s3URL: String? {
        storageURL ?? ProcessInfo.processInfo.environment["CHEESESHOP_STORAGE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The PostgreSQL URL from the option or the environment, if any.
    var postgresURL: String? {
        databaseURL ?? ProcessInfo.processInfo.environment["CHEESESHOP_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The index database file.
    var databasePath: String { "\(data)/index.sqlite" }
    /// The blob store root.
    var filesPath: String { "\(data)/files" }
}
