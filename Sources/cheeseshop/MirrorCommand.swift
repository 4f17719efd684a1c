import ArgumentParser
import Foundation
import IndexCore
import IndexHTTP
import IndexMirror
import PythonPackaging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `cheeseshop mirror --from URL (--project P ... | --requirements FILE [--with-dependencies])
/// --owner USER`: copies projects, or a requirements file's closure, from an upstream index into
/// this one (``PullMirror``), again and again with `--watch`.
struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror", abstract: "Copy projects or a requirements file's closure from an upstream index.")

    @Option(name: .customLong("from"), help: "The upstream index's simple URL, e.g. https://upstream.example/simple/.")
    var index: String
    @Option(name: .customLong("project"), help: "A project to copy whole (repeat the option for more).")
    var projects: [String] = []
    @Option(
        help: ArgumentHelp(
            "A requirements file (pip's format: pins, ranges, hashes and markers allowed); each "
                + "requirement's newest allowed version is copied."))
    var requirements: String?
    @Flag(help: "Copy the dependencies of what is copied too, recursively (for every platform).")
    var withDependencies = false
    @Option(
        name: .customLong("platform"),
        help: ArgumentHelp(
            "Copy only wheels for these platform tags or patterns (e.g. manylinux*x86_64, win_amd64); "
                + "pure-Python wheels and sdists are always copied."))
    var platforms: [String] = []
    @Option(help: "The user the copied projects are uploaded as (their Owner when new).")
    var owner: String
    @Flag(help: "Keep following upstream: run again every --interval seconds until interrupted.")
    var watch = false
    @Option(help: "Seconds between runs with --watch.") var interval: Double = 60
    @Option(help: "How long to wait for an upstream answer, in seconds.") var timeout: Double = 60
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard index.hasPrefix("http://") || index.hasPrefix("https://") else {
            throw ValidationError("--from must be an http:// or https:// URL.")
        }
        guard !projects.isEmpty || requirements != nil else {
            throw ValidationError("Give --project NAME or --requirements FILE.")
        }
        guard interval > 0 else { throw ValidationError("--interval must be positive.") }
    }

    func run() async throws {
        let data = try await self.data.resolve()
        var request = PullMirror.Request(index: index)
        request.projects = projects
        request.requirements = try requirements.map(Self.requirements(in:)) ?? []
        request.withDependencies = withDependencies
        request.platforms = platforms
        try IndexWiring.prepare(data)
        let failed = try await IndexWiring.withStore(data) { store in
            try await IndexWiring.withBlobs(data) { blobs in
                guard let user = try await store.user(username: owner) else {
                    throw ValidationError("No user \(owner): create one with `cheeseshop user create`.")
                }
                // The mirror registers many projects at once: no per-hour limit, no 2FA rule.
                let unlimited = RateLimit([RateLimit.Window(count: 1_000_000, seconds: 3600)])
                let upload = UploadDistribution(
                    store: store, blobs: blobs, clock: SystemClock(), descriptions: ReadmeDescriptionRendering(),
                    guards: UploadGuards(twoFactor: .none, projectsPerUser: unlimited))
                return try await HTTPUpstreamClient.withClient(userAgent: "cheeseshop mirror", timeout: timeout) {
                    client in
                    let interactive = isatty(STDERR_FILENO) == 1
                    let mirror = PullMirror(
                        upstream: client, store: store, blobs: blobs, upload: upload,
                        identity: UploadIdentity(user: user),
                        progress: { interactive ? Self.show($0) : () })
                    while true {
                        let started = Date()
                        let report = try await mirror.run(request)
                        if interactive { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
                        Self.summarize(report, seconds: Date().timeIntervalSince(started), from: index)
                        guard watch else { return !report.failures.isEmpty }
                        try await Task.sleep(for: .seconds(interval))
                    }
                }
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The requirements of a pip requirements file: comments, options (`--hash`, `-i`...),
    /// editable and URL lines left out; continuation lines joined.
    static func requirements(in path: String) throws -> [Requirement] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("Cannot read \(path).")
        }
        var requirements: [Requirement] = []
        let joined = text.replacingOccurrences(of: "\\\r\n", with: " ").replacingOccurrences(of: "\\\n", with: " ")
        for (number, rawLine) in joined.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.range(of: " #") ?? (line.hasPrefix("#") ? line.startIndex..<line.startIndex : nil) {
                line = line[..<hash.lowerBound]
            }
            if let option = line.range(of: " --") { line = line[..<option.lowerBound] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("-") else { continue }
            do {
                let requirement = try Requirement(parsing: trimmed)
                if requirement.url == nil { requirements.append(requirement) }
            } catch {
                throw ValidationError("\(path), line \(number + 1): \(error)")
            }
        }
        return requirements
    }

    static func show(_ progress: PullMirror.Progress) {
        let width = 30
        let filled = progress.planned == 0 ? 0 : width * progress.done / max(progress.planned, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line =
            "\r\u{1b}[K[\(bar)] \(progress.done)/\(progress.planned) files, "
            + "\(progress.bytes / 1_048_576) MiB  \(progress.current)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func summarize(_ report: PullMirror.Report, seconds: Double, from index: String) {
        print(
            "Mirrored \(report.copied.count) new files (\(report.bytes / 1024) KiB) of \(report.projects.count) "
                + "projects from \(index) in \(String(format: "%.1f", seconds)) s; \(report.present) already here, "
                + "\(report.unchangedProjects.count) projects unchanged upstream, \(report.failures.count) failed.")
        for file in report.copied { print("  copied \(file)") }
        for failure in report.failures { Console.error("failed \(failure.filename): \(failure.reason)") }
    }
}
