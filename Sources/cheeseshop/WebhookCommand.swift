import ArgumentParser
import Configuration
import IndexCDN
import IndexCore

/// `cheeseshop webhook add URL --events release.published,file.uploaded`, `webhook list`,
/// `webhook remove ID`, `webhook deliveries ID`: the instance-wide webhooks (every project's
/// events), the operator's. Projects' own webhooks are their Owners' (manage pages and API).
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Manage the instance-wide release webhooks (operators).",
        subcommands: [Add.self, List.self, Remove.self, Deliveries.self])

    /// The options of each subcommand: where the index lives, and the SSRF guard's setting.
    struct Options: ParsableArguments {
        @Flag(
            name: .customLong("webhooks-allow-private-targets"), inversion: .prefixedNo,
            help: ArgumentHelp(SettingKey.help("webhooks-allow-private-targets")))
        var allowPrivateTargets: Bool?
        @OptionGroup var data: DataOptions

        /// Runs `body` with the use case on the store, closing it afterwards; a refusal is
        /// printed on standard error and ends the command with a non-zero status.
        func run<T: Sendable>(_ body: (ManageWebhooks) async throws -> T) async throws -> T {
            var flags: [String: ConfigContent] = [:]
            flags["webhooks-allow-private-targets"] = allowPrivateTargets.map(ConfigContent.bool)
            let settings = try await data.settings(adding: flags)
            let allowPrivate = try settings.boolean("webhooks-allow-private-targets") ?? false
            let resolved = try DataSettings(settings)
            try IndexWiring.prepare(resolved)
            do {
                return try await IndexWiring.withStore(resolved) { store in
                    try await body(
                        ManageWebhooks(
                            store: store, clock: SystemClock(), random: SystemRandom(),
                            targets: WebhookTargetPolicy(resolver: SystemHostResolver(), allowPrivate: allowPrivate)))
                }
            } catch let error as ManageError {
                Console.error(error.message)
                throw ExitCode.failure
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL to every project's events; prints the id and the secret (shown once).")

        @Argument(help: "The target: an http or https URL of a public address.") var url: String
        @Option(
            help: ArgumentHelp(
                "The events, comma-separated, or all: \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "events"))
        var events = "all"
        @OptionGroup var options: Options

        func run() async throws {
            guard let events = WebhookEvent.parseList(self.events) else {
                throw ValidationError(
                    "Unknown events; choose among \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")) or all."
                )
            }
            let url = self.url
            let made = try await options.run { try await $0.addInstanceWide(url: url, events: events, by: "operator") }
            print("Added webhook \(made.id) for \(made.url) (\(made.eventList)).")
            print("Secret (shown once; it signs X-Cheeseshop-Signature-256): \(made.secret)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the instance-wide webhooks.")

        @OptionGroup var options: Options

        func run() async throws {
            let hooks = try await options.run { try await $0.listInstanceWide() }
            if hooks.isEmpty { print("No instance-wide webhooks.") }
            for hook in hooks {
                print("\(hook.id)\t\(hook.url)\t\(hook.eventList)\t\(hook.created.iso8601Seconds)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an instance-wide webhook and its log.")

        @Argument(help: "The webhook's id.") var id: Int64
        @OptionGroup var options: Options

        func run() async throws {
            let id = self.id
            try await options.run { try await $0.removeInstanceWide(id: id) }
            print("Removed webhook \(id).")
        }
    }

    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an instance-wide webhook's delivery log, newest first.")

        @Argument(help: "The webhook's id.") var id: Int64
        @OptionGroup var options: Options

        func run() async throws {
            let id = self.id
            let log = try await options.run { try await $0.instanceWideDeliveries(id: id) }
            if log.isEmpty { print("Nothing delivered yet.") }
            for delivery in log {
                let result = [delivery.statusCode.map(String.init), delivery.error].compactMap { $0 }
                    .joined(separator: " ")
                print(
                    "\(delivery.time.iso8601Seconds)\t\(delivery.event.rawValue)\tattempt \(delivery.attempt)\t"
                        + "\(result)\t\(Int((delivery.duration * 1000).rounded())) ms\t\(delivery.deliveryID)")
            }
        }
    }
}
