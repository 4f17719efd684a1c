import HTTPTypes
import Hummingbird
import IndexCore

extension ReadModel {
    /// A root page (the home page; `/simple/` is ``SimpleRoot``), answered like ``page(_:of:render:)`` but built
    /// for its cost: at PyPI's size a render reads every project (seconds), and every journal
    /// entry drops the page. One render runs at a time and the requests that miss wait for it.
    /// When the last render took ``slowRootRender`` or longer, they are answered that render's
    /// page instead (``RootAnswer/stale``) while the new one is made, so a busy index never has
    /// its root requests queue behind renders. A render that saw a change land is not kept as
    /// current (the next request starts another) but is answered as the last page.
    func rootPage(
        _ page: Page, render: @escaping @Sendable () async throws -> CachedBody?
    ) async throws -> RootAnswer? {
        await refreshIfDue()
        enum Next {
            case hit(Cached)
            case wait(Task<CachedBody?, any Error>)
            case stale(CachedBody)
        }
        let next: Next = state.withLock { state in
            if let hit = state.pages[Self.rootKey]?[page] { return .hit(hit) }
            let running = state.rootRenders[page] ?? startRootRender(page, render: render, locked: &state)
            if let last = state.lastRoot[page], last.seconds >= slowRootRender { return .stale(last.body) }
            return .wait(running)
        }
        if case .hit = next { metrics.readModelHits.increment() } else { metrics.readModelMisses.increment() }
        switch next {
        case .hit(.body(let body)): return .current(body)
        case .hit(.notFound): return nil
        case .stale(let body): return .stale(body)
        case .wait(let task): return try await task.value.map(RootAnswer.current)
        }
    }

    /// Starts the render of root `page` (with the lock held): when it ends, it is the last page,
    /// and the current one if nothing changed while it ran.
    private func startRootRender(
        _ page: Page, render: @escaping @Sendable () async throws -> CachedBody?, locked: inout State
    ) -> Task<CachedBody?, any Error> {
        let generation = locked.generation
        let known = locked.applied != nil
        let task = Task<CachedBody?, any Error> {
            let start = clock.now().secondsSinceEpoch
            let rendered: CachedBody?
            do {
                rendered = try await render()
            } catch {
                state.withLock { $0.rootRenders[page] = nil }
                throw error
            }
            let seconds = clock.now().secondsSinceEpoch - start
            state.withLock { state in
                state.rootRenders[page] = nil
                if let rendered { state.lastRoot[page] = (rendered, seconds) }
                guard known, state.generation == generation else { return }
                keep(rendered.map(Cached.body) ?? .notFound, as: page, of: Self.rootKey, in: &state)
            }
            return rendered
        }
        locked.rootRenders[page] = task
        return task
    }
}

/// A root page as ``ReadModel/rootPage(_:render:)`` answers it.
enum RootAnswer: Sendable {
    /// The page as of the model's serial.
    case current(CachedBody)
    /// The last page rendered, answered while a newer one is rendered: caches in front keep it
    /// for seconds only (``staleSurrogateControl``), not until the next purge.
    case stale(CachedBody)

    static let staleSurrogateControl = "max-age=5, stale-if-error=86400"

    func response(to request: Request) -> Response {
        switch self {
        case .current(let body):
            return body.response(to: request)
        case .stale(let body):
            var response = body.response(to: request)
            response.headers.set("Surrogate-Control", Self.staleSurrogateControl)
            return response
        }
    }
}
