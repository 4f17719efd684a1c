import ArgumentParser
import AsyncHTTPClient
import Foundation
import IndexCore
import IndexSQL
import IndexStorage

/// `cheeseshop export --to DIR|s3://BUCKET [--watch]`: the public read path as static files
/// (``StaticExport``), the metadata snapshot, and an nginx configuration that serves them, so
/// installs keep working from the export alone.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the simple pages, JSON API, files and metadata snapshot as static files.",
        discussion: """
            A directory gets \(StaticExportNginx.fileName), an nginx include that serves it with content \
            negotiation. A bucket (s3://BUCKET[/PREFIX], credentials as for --storage-url) holds the same \
            objects; the cache in front chooses index.v1_json or index.html by Accept.
            """)

    @Option(help: ArgumentHelp("A directory, or s3://BUCKET[/PREFIX].", valueName: "target"))
    var to: String
    @Flag(help: "Keep the export current from the journal until stopped.") var watch = false
    @Option(help: "Seconds between looks at the journal with --watch.") var interval: Double = 1
    @Option(help: "Absolute base URL for links in the export (default: root-relative links).")
    var baseURL = ""
    @Option(help: "nginx's listen argument in the generated configuration.") var nginxListen = "127.0.0.1:8080"
    @Flag(help: "Do not write snapshot/index.sqlite.") var noSnapshot = false
    @OptionGroup var data: DataOptions

    func run() async throws {
        let data = try await self.data.resolve()
        guard interval > 0 else { throw ValidationError("--interval must be positive.") }
        try IndexWiring.prepare(data)
        try await IndexWiring.withStore(data) { store in
            try await IndexWiring.withBlobs(data) { blobs in
                try await withTarget { target, workDirectory in
                    let export = StaticExport(store: store, blobs: blobs, target: target, baseURL: baseURL)
                    let snapshot =
                        noSnapshot
                        ? nil
                        : try MetadataSnapshotBuilder(
                            directory: "\(workDirectory)/snapshot", store: store, urls: IndexURLs(base: baseURL))
                    try await runOnce(export, snapshot: snapshot, target: target, first: true)
                    while watch {
                        try await Task.sleep(for: .seconds(interval))
                        do {
                            try await runOnce(export, snapshot: snapshot, target: target, first: false)
                        } catch {
                            Console.error("export: \(error) (trying again)")
                        }
                    }
                }
            }
        }
    }

    /// One pass: the changed projects and, when anything changed, the snapshot, before the
    /// export records its serial.
    private func runOnce(
        _ export: StaticExport, snapshot: MetadataSnapshotBuilder?, target: any ExportTarget, first: Bool
    ) async throws {
        let started = Date()
        let summary = try await export.update {
            if let snapshot { try await publish(snapshot, to: target) }
        }
        guard let summary else {
            if first { print("The export is current.") }
            if first, let snapshot { try await publish(snapshot, to: target) }
            return
        }
        print(
            "Exported serial \(summary.serial): \(summary.projects) projects, \(summary.files) new files, "
                + "\(summary.removed) removed, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }

    private func publish(_ snapshot: MetadataSnapshotBuilder, to target: any ExportTarget) async throws {
        guard let published = try await snapshot.refresh(), let file = try LocalFile.open(published.path) else {
            return
        }
        try await target.write(
            file.chunks, size: file.size, to: "snapshot/index.sqlite", contentType: "application/vnd.sqlite3")
    }

    /// Runs `body` with the target and a local directory for the export's working files.
    private func withTarget(_ body: (any ExportTarget, String) async throws -> Void) async throws {
        guard to.hasPrefix("s3://") else {
            let root = URL(fileURLWithPath: to).standardizedFileURL.path
            let target = try DirectoryExportTarget(root: root)
            let nginx = StaticExportNginx.configuration(root: root, listen: nginxListen)
            try await target.write(Array(nginx.utf8), to: StaticExportNginx.fileName, contentType: "text/plain")
            try await body(target, "\(root)/\(StaticExport.stateDirectory)")
            return
        }
        let rest = to.dropFirst("s3://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        var prefix = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        let configuration = try S3Configuration.fromEnvironment(
            ProcessInfo.processInfo.environment, storageURL: "s3://\(bucket)")
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let s3 = try S3Client(configuration: configuration, httpClient: client, clock: SystemClock())
            try await IndexWiring.ensureBucket(s3)
            try await body(S3ExportTarget(client: s3, prefix: prefix), "\(data.data)/export-\(bucket)")
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
