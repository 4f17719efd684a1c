import IndexSQL
import Logging
import ServiceLifecycle

/// Rebuilds `/snapshot/index.sqlite` every interval when the index changed, apart from the job
/// loop (a first build of a large index takes a while). Stops at graceful shutdown.
struct SnapshotService: Service {
    let builder: MetadataSnapshotBuilder
    let interval: Double
    let logger: Logger

    func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await cancelWhenGracefulShutdown { try await builder.refresh() }
            } catch where !Task.isCancelled && !Task.isShuttingDownGracefully && !(error is CancellationError) {
                logger.error("The metadata snapshot could not be rebuilt.", metadata: ["error": "\(error)"])
            } catch {
                return
            }
            try? await gracefulShutdown(orSleep: .seconds(interval))
        }
    }
}
