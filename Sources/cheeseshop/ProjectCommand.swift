import ArgumentParser
import IndexCore

/// `cheeseshop project quarantine|release|transfer|delete NAME`: an administrator's actions on a
/// project (PEP 792 quarantine, a new sole Owner, deletion with the name prohibited). Each is in
/// the journal (mirrors and caches follow) and in the audit log.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Quarantine, release, transfer or delete a project (administrators).",
        subcommands: [Quarantine.self, Release.self, Transfer.self, Delete.self])

    struct Quarantine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hide a project from installers and refuse every change to it, until it is released.")

        @Argument(help: "The project name (any spelling).") var project: String
        @Option(help: "Why (kept in the project's security log and the audit log).") var reason = ""
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let (project, reason) = (self.project, self.reason)
            let result = try await options.run { admin, _ in
                try await admin.quarantine(project: project, reason: reason, by: .commandLine)
            }
            print("Quarantined \(project). Serial \(result.serial).")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a quarantined project (back to active).")

        @Argument(help: "The project name (any spelling).") var project: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let project = self.project
            let result = try await options.run { admin, _ in
                try await admin.release(project: project, by: .commandLine)
            }
            print("Released \(project) from quarantine. Serial \(result.serial).")
        }
    }

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a user the project's only Owner (every other role on it ends).")

        @Argument(help: "The project name (any spelling).") var project: String
        @Option(help: "The new Owner's username.") var to: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let (project, to) = (self.project, self.to)
            let result = try await options.run { admin, _ in
                try await admin.transfer(project: project, to: to, by: .commandLine)
            }
            print("Transferred \(project) to \(to). Serial \(result.serial).")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete any project (quarantined ones included) and prohibit its name.")

        @Argument(help: "The project name (any spelling).") var project: String
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let project = self.project
            guard yes || (Console.isInteractive && Console.confirm("Delete \(project) for good and prohibit its name?"))
            else { throw ValidationError("Not confirmed: give --yes.") }
            let result = try await options.run { admin, _ in
                try await admin.deleteProject(project: project, by: .commandLine)
            }
            print("Deleted \(project) and prohibited its name. Serial \(result.serial).")
        }
    }
}

/// `cheeseshop flag list`, `cheeseshop flag set FLAG on|off`: the instance flags.
struct FlagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag", abstract: "Show or set the instance flags (registration, new projects, uploads).",
        subcommands: [List.self, Set.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every flag and whether it is on.")
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let states = try await options.run { _, store in
                var states: [(InstanceFlag, Bool)] = []
                for flag in InstanceFlag.allCases { states.append((flag, try await flag.isOn(in: store))) }
                return states.map { "\($0.0.rawValue)\t\($0.1 ? "on" : "off")\t\($0.0.summary)" }
            }
            for line in states { print(line) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a flag on or off for every node.")
        @Argument(help: "The flag: \(InstanceFlag.allCases.map(\.rawValue).joined(separator: ", ")).") var flag: String
        @Argument(help: "on or off.") var state: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            guard let flag = InstanceFlag(rawValue: self.flag) else {
                throw ValidationError(
                    "No such flag: use one of \(InstanceFlag.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard ["on", "off"].contains(state) else { throw ValidationError("Say on or off.") }
            let on = state == "on"
            try await options.run { admin, _ in try await admin.setFlag(flag, on: on, by: .commandLine) }
            print("\(flag.rawValue) is \(state).")
        }
    }
}

/// `cheeseshop report list [--all]`, `cheeseshop report resolve ID actioned|dismissed`, and
/// `cheeseshop report log`: the moderators' queue and the audit log.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The reports queue and the administrators' audit log.",
        subcommands: [List.self, Resolve.self, Log.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open reports (with --all, resolved ones too).")
        @Flag(help: "Resolved reports too.") var all = false
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let open: Bool? = all ? nil : true
            let reports = try await options.run { _, store in try await store.observations(open: open, limit: 1000) }
            for report in reports {
                print(
                    "\(report.id)\t\(report.created.iso8601Seconds)\t\(report.project)\t\(report.kind.rawValue)\t"
                        + "\(report.reporter)\t\(report.resolution?.rawValue ?? "open")\t\(report.summary)")
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an open report.")
        @Argument(help: "The report's id.") var id: Int64
        @Argument(help: "actioned or dismissed.") var resolution: String
        @OptionGroup var options: AdminOptions

        func run() async throws {
            guard let resolution = ObservationResolution(rawValue: resolution) else {
                throw ValidationError("Say actioned or dismissed.")
            }
            let id = self.id
            try await options.run { admin, _ in
                try await admin.resolve(report: id, resolution: resolution, by: .commandLine)
            }
            print("Report \(id) \(resolution.rawValue).")
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the audit log, newest first.")
        @Option(help: "How many lines.") var limit = 100
        @OptionGroup var options: AdminOptions

        func run() async throws {
            let limit = self.limit
            let entries = try await options.run { _, store in try await store.adminLog(limit: limit) }
            for entry in entries {
                let details = entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                print(
                    "\(entry.time.iso8601Seconds)\t\(entry.actor)\t\(entry.action)\t\(entry.target)\t"
                        + details.joined(separator: " "))
            }
        }
    }
}
