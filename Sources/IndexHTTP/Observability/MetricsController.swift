import Hummingbird
import IndexCore

/// `GET /metrics`: the Prometheus text exposition (the registry's metrics and the request
/// durations, after sampling the job queue and the journal in `store`), behind a bearer token
/// when one is set.
struct MetricsController: Sendable {
    let metrics: ServerMetrics
    let registry: @Sendable () -> [UInt8]
    let token: String?
    let store: any IndexStore
    let clock: any IndexClock

    /// Adds the route to `router`.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/metrics") { request, _ in await answer(request) }
    }

    func answer(_ request: Request) async -> Response {
        if let token, !Self.bearer(request.headers[.authorization], matches: token) {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "The metrics need a bearer token.\n")))
        }
        await metrics.sample(store: store, now: clock.now())
        let body = metrics.exposition(registry: registry())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store",
                .contentLength: String(body.count),
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Whether `authorization` is `Bearer <token>`, compared in time that does not depend on
    /// where they differ.
    static func bearer(_ authorization: String?, matches token: String) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let given = Array(authorization.utf8.dropFirst(7))
        let wanted = Array(token.utf8)
        guard given.count == wanted.count else { return false }
        var difference: UInt8 = 0
        for index in given.indices { difference |= given[index] ^ wanted[index] }
        return difference == 0
    }
}

/// A listener of its own for `GET /metrics` (`serve --metrics-address`), off the public port.
public func buildMetricsApplication(
    host: String, port: Int, store: any IndexStore, clock: any IndexClock, observability: ServerObservability,
    registry: @escaping @Sendable () -> [UInt8]
) -> some ApplicationProtocol {
    let router = Router()
    MetricsController(
        metrics: observability.metrics, registry: registry, token: observability.metricsToken, store: store,
        clock: clock
    ).register(on: router)
    return Application(
        router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "cheeseshop"),
        logger: observability.logger)
}
