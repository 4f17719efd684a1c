import HTTPTypes
import Hummingbird
import IndexCore
import Synchronization

/// Whether the index takes changes: `serve --read-only`, or the deployment's setting in the
/// database (``ReadOnlyMode/settingName``), looked at once per `interval` seconds by one request
/// while the others use the last answer. When the database cannot be asked, the last answer
/// stands.
final class ReadOnlySwitch: Sendable {
    let configured: Bool
    let store: any IndexStore
    let clock: any IndexClock
    let interval: Double
    private let state = Mutex((stored: false, check: DueCheck()))

    /// A switch on when `configured`, or when the store's setting says so.
    init(configured: Bool, store: any IndexStore, clock: any IndexClock, interval: Double = 1) {
        self.configured = configured
        self.store = store
        self.clock = clock
        self.interval = interval
    }

    /// Whether changes are refused now.
    func isReadOnly() async -> Bool {
        if configured { return true }
        let now = clock.now().secondsSinceEpoch
        if state.withLock({ $0.check.claim(now: now, interval: interval) }) {
            let stored: Bool?
            do {
                stored = ReadOnlyMode.isOn(try await store.setting(ReadOnlyMode.settingName))
            } catch {
                stored = nil
            }
            state.withLock { state in
                if let stored { state.stored = stored }
                state.check.finish()
            }
        }
        return state.withLock { $0.stored }
    }
}

/// Refuses changes in read-only mode (503 with PyPI's message; XML-RPC calls, which only read,
/// go on) and answers 503, at once, when the database is unavailable, instead of a 500 or a hang
/// (reads the read model holds are answered before the database is asked, so they go on).
struct AvailabilityMiddleware<Context: RequestContext>: RouterMiddleware {
    let readOnly: ReadOnlySwitch

    static var retryAfter: HTTPFields { [.retryAfter: "30"] }

    /// The paths whose POSTs only read (XML-RPC calls), answered in read-only mode too.
    static var readingPosts: Set<String> { ["/pypi", "/pypi/", "/RPC2"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        switch request.method {
        case .get, .head, .options: break
        case .post where Self.readingPosts.contains(request.uri.path): break
        default:
            if await readOnly.isReadOnly() {
                let message =
                    request.uri.path == "/legacy" || request.uri.path == "/legacy/"
                    ? ReadOnlyMode.uploadMessage : ReadOnlyMode.changeMessage
                throw MessageError(503, message, headers: Self.retryAfter)
            }
        }
        do {
            return try await next(request, context)
        } catch let error as IndexStoreError {
            guard case .unavailable = error else { throw error }
            throw MessageError(503, "The index database is unavailable; try again shortly.", headers: Self.retryAfter)
        }
    }
}
