import HTTPTypes
import Hummingbird

/// Answers the failures of web addresses with the site's own pages (``ErrorPage``):
/// - an unmatched route: Hummingbird's router throws `HTTPError(.notFound)` (also for a method
///   no route of the path takes: Hummingbird has no 405 of its own), and any other plain
///   `HTTPError` of status 404, 405 or 500 (its headers, e.g. `Allow`, kept);
/// - a bare 404, 405 or 500 a handler returns (no `Content-Type`: no body of its own), e.g. the
///   405 of a GET on a POST-only form address, its `Allow` kept;
/// - any error that is not an `HTTPResponseError`: a 500, the error logged, never shown.
///
/// The other `HTTPResponseError`s (``MessageError``: Warehouse's message in the status line and
/// the body) and every answer under an API path (``isAPIPath(_:)``) pass untouched, as PyPI gives
/// them. The first middleware of the router, so it wraps the others (``AvailabilityMiddleware``
/// turns an unavailable database into its 503 first) and the not-found responder; the fast path
/// answers before the router and is not affected.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The first path segments of the API (PyPI's and ours): their answers are left as they are.
    static var apiSegments: Set<String> {
        [
            "simple", "pypi", "packages", "legacy", "api", "_", "snapshot", "danger-api", "_health", "metrics", "rpc2",
        ]
    }

    /// Whether `path` is under an API prefix (compared without case, so a mistyped `/Simple/`
    /// still answers as the API).
    static func isAPIPath(_ path: String) -> Bool {
        guard let first = path.split(separator: "/").first else { return false }
        return apiSegments.contains(first.lowercased())
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where ErrorPage.statuses.contains(error.status.code) {
            guard !Self.isAPIPath(request.uri.path) else { throw error }
            return ErrorPage(status: error.status).response(to: request, headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "Unexpected error answered 500",
                metadata: [
                    "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)",
                    "error.type": "\(String(reflecting: type(of: error)))", "error": "\(String(reflecting: error))",
                ])
            guard !Self.isAPIPath(request.uri.path) else { throw error }
            return ErrorPage(status: .internalServerError).response(to: request)
        }
        guard ErrorPage.statuses.contains(response.status.code), response.headers[.contentType] == nil,
            !Self.isAPIPath(request.uri.path)
        else { return response }
        return ErrorPage(status: response.status).response(to: request, headers: response.headers)
    }
}
