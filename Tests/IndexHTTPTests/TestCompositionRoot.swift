import Hummingbird
import IndexCore

@testable import IndexHTTP

/// The tests' composition root: the use cases on the fixture's ports, built as the executable's
/// `ServerRoot` builds them, handed to the real ``IndexHTTP/buildApplication``.
func buildApplication(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    security: SecurityPorts, snapshots: (any MetadataSnapshotSource)? = nil
) -> some ApplicationProtocol {
    IndexHTTP.buildApplication(
        configuration: configuration, store: store, blobs: blobs, clock: clock,
        useCases: useCases(configuration, store: store, blobs: blobs, clock: clock, security: security),
        security: security, snapshots: snapshots)
}

/// The routes of the application above, on `model`.
func buildRouter(
    configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    security: SecurityPorts, model: ReadModel
) -> Router<IndexRequestContext> {
    IndexHTTP.buildRouter(
        configuration: configuration, store: store, blobs: blobs, clock: clock,
        useCases: useCases(configuration, store: store, blobs: blobs, clock: clock, security: security),
        security: security, model: model)
}

/// Every use case on the fixture's ports.
func useCases(
    _ configuration: IndexServerConfiguration, store: some IndexStore, blobs: some BlobStore, clock: some IndexClock,
    security: SecurityPorts
) -> IndexUseCases {
    IndexUseCases(
        store: store, blobs: blobs, clock: clock, descriptions: ReadmeDescriptionRendering(),
        uploadLimits: configuration.uploadLimits, mailBaseURL: configuration.mailBaseURL, security: security)
}
