import ArgumentParser
import Foundation
import Hummingbird
import IndexCore
import IndexHTTP

/// `cheeseshop serve`: the HTTP server on the data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the index server.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8000
    @Option(name: .customLong("base-url"), help: "The public URL pages link to (default http://HOST:PORT).")
    var baseURL: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        try IndexWiring.prepare(data)
        let blobs = try IndexWiring.blobs(data)
        let swept = try await blobs.sweepStaged()
        if swept > 0 {
            // Written through at once: `print` to a file or pipe sits in a buffer that a kill loses.
            FileHandle.standardOutput.write(Data("Removed \(swept) staged uploads left by an earlier run.\n".utf8))
        }
        try await IndexWiring.withStore(data) { store in
            try await serve(store: store, blobs: blobs)
        }
    }

    private func serve(store: some IndexStore, blobs: some BlobStore) async throws {
        let configuration = IndexServerConfiguration(host: host, port: port, baseURL: baseURL)
        let app = buildApplication(configuration: configuration, store: store, blobs: blobs, clock: SystemClock())
        try await app.runService()
    }
}
