import Hummingbird
import IndexCore
import ServiceLifecycle

/// The probes of load balancers, caches and orchestrators; never cached.
/// - `/_health/live` (and `/_health`): the process answers.
/// - `/_health/ready`: this node can serve and take uploads: the database answers, the blob
///   store takes a file, and the server is not shutting down. 200 when all hold, else 503; the
///   JSON body says which. Read-only mode is reported, not failed: reads go on.
struct HealthController: Sendable {
    let store: any IndexStore
    let blobs: any BlobStore
    let readOnly: ReadOnlySwitch

    func register(on router: Router<IndexRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/_health", method: method) { _, _ in live() }
            router.on("/_health/live", method: method) { _, _ in live() }
            router.on("/_health/ready", method: method) { request, _ in await ready(request) }
        }
    }

    func live() -> Response {
        Self.answer(.ok, contentType: "text/plain; charset=utf-8", body: "OK")
    }

    /// The readiness of this node, each check named in the body.
    func ready(_ request: Request) async -> Response {
        var database = "ok"
        do {
            _ = try await store.maxSerial()
        } catch {
            database = "unavailable"
        }
        var blobStore = "ok"
        do {
            try await blobs.checkWritable()
        } catch {
            blobStore = "not writable"
        }
        let shuttingDown = Task.isShuttingDownGracefully
        let readOnly = await readOnly.isReadOnly()
        let ready = database == "ok" && blobStore == "ok" && !shuttingDown
        let body =
            "{\"status\":\"\(ready ? "ready" : "unavailable")\",\"database\":\"\(database)\","
            + "\"blob_store\":\"\(blobStore)\",\"shutting_down\":\(shuttingDown),\"read_only\":\(readOnly)}"
        return Self.answer(ready ? .ok : .serviceUnavailable, contentType: "application/json", body: body)
    }

    private static func answer(_ status: HTTPResponse.Status, contentType: String, body: String) -> Response {
        // A cache in front must ask the origin itself (Varnish's probe, a load balancer's).
        Response(
            status: status, headers: [.cacheControl: "no-store", .contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
