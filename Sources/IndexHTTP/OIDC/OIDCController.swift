import Foundation
import HTTPTypes
import Hummingbird
import IndexCore

/// Warehouse's trusted-publishing endpoints, as `pypa/gh-action-pypi-publish` and other CI
/// clients call them:
///
/// - `GET /_/oidc/audience` -> `{"audience": "..."}` (403 when switched off)
/// - `POST /_/oidc/mint-token` with `{"token": "<OIDC JWT>"}` -> `{"success": true, "token": "pypi-..."}`,
///   or 422 `{"message": "Token request failed", "errors": [{"code": ..., "description": ...}]}`.
///   `/_/oidc/github/mint-token` is the same (Warehouse's older route).
struct OIDCController: Sendable {
    let mint: MintPublisherToken?
    let ports: TrustedPublishingPorts?

    /// The largest request body accepted: a JWT is a few KiB.
    static let maximumBodyBytes = 16 << 10

    func register(on router: Router<IndexRequestContext>) {
        router.get("/_/oidc/audience") { _, _ in audience() }
        router.post("/_/oidc/mint-token") { request, context in await mint(request, context) }
        router.post("/_/oidc/github/mint-token") { request, context in await mint(request, context) }
    }

    func audience() -> Response {
        guard let ports else {
            return JSONResponse.make(.forbidden, ["message": TrustedPublishingError.notEnabled.message])
        }
        return JSONResponse.make(.ok, ["audience": ports.audience])
    }

    func mint(_ request: Request, _ context: IndexRequestContext) async -> Response {
        guard ports != nil, let mint else { return Self.refusal(.notEnabled) }
        guard let payload = await JSONResponse.object(of: request, limit: Self.maximumBodyBytes),
            let jwt = payload["token"] as? String
        else {
            return Self.refusal(.invalidPayload("The payload must be a JSON object {\"token\": \"<OIDC token>\"}."))
        }
        do {
            let minted = try await mint(jwt, ip: context.clientIP)
            return JSONResponse.make(.ok, ["success": true, "token": minted.token.text])
        } catch let error as TrustedPublishingError {
            return Self.refusal(error)
        } catch {
            return JSONResponse.make(
                .internalServerError,
                ["message": "Token request failed", "errors": [["code": "server-error", "description": "Try again."]]])
        }
    }

    /// Warehouse's 422 answer.
    static func refusal(_ error: TrustedPublishingError) -> Response {
        JSONResponse.make(
            error.kind.status,
            ["message": "Token request failed", "errors": [["code": error.code, "description": error.message]]])
    }
}
