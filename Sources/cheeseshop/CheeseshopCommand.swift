import ArgumentParser
import Configuration
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
            ReadOnlyCommand.self, MirrorCommand.self, StatsCommand.self, ProjectCommand.self,
            FlagCommand.self, ReportCommand.self, WebhookCommand.self,
        ])
}

/// The options every command shares: the configuration file and where the index lives. Each is
/// a setting (``SettingKey``): the flag, else `CHEESESHOP_*`, else the file, else the default.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp(SettingKey.help("config"), valueName: "file"))
    var config: String?
    @Option(help: ArgumentHelp(SettingKey.help("data"), valueName: "directory"))
    var data: String?
    @Option(name: .customLong("database-url"), help: ArgumentHelp(SettingKey.help("database-url"), valueName: "url"))
    var databaseURL: String?
    @Option(name: .customLong("database-pool-size"), help: ArgumentHelp(SettingKey.help("database-pool-size")))
    var databasePoolSize: Int?
    @Option(name: .customLong("storage-url"), help: ArgumentHelp(SettingKey.help("storage-url"), valueName: "url"))
    var storageURL: String?

    /// The values given on the command line, by setting.
    var flags: [String: ConfigContent] {
        var flags: [String: ConfigContent] = [:]
        flags["config"] = config.map(ConfigContent.string)
        flags["data"] = data.map(ConfigContent.string)
        flags["database-url"] = databaseURL.map(ConfigContent.string)
        flags["database-pool-size"] = databasePoolSize.map(ConfigContent.int)
        flags["storage-url"] = storageURL.map(ConfigContent.string)
        return flags
    }

    /// The settings of the command: these flags and `more` (the command's own), the environment
    /// and the configuration file.
    func settings(adding more: [String: ConfigContent] = [:]) async throws -> Settings {
        try await Settings(flags: flags.merging(more) { $1 }, environment: ProcessInfo.processInfo.environment)
    }

    /// Where the index lives, from every source.
    func resolve() async throws -> DataSettings {
        try DataSettings(try await settings())
    }
}

/// Where the index lives: the data directory, PostgreSQL or `index.sqlite`, S3 or `files/`.
struct DataSettings: Sendable {
    /// The data directory.
    var data: String
    /// The PostgreSQL URL, if any (a secret: it holds the password).
    var postgresURL: String?
    /// The most PostgreSQL connections this process opens.
    var databasePoolSize: Int
    /// The S3 storage URL, if any.
    var s3URL: String?

    init(_ settings: Settings) throws {
        data = try settings.string("data") ?? "./data"
        postgresURL = try settings.string("database-url")
        databasePoolSize = try settings.integer("database-pool-size") ?? 20
        guard (1...1000).contains(databasePoolSize) else { throw settings.invalid("database-pool-size", "1 to 1000") }
        s3URL = try settings.string("storage-url")
    }

    /// The index database file.
    var databasePath: String { "\(data)/index.sqlite" }
    /// The blob store root.
    var filesPath: String { "\(data)/files" }
}
