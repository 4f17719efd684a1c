import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore

/// `POST /pypi`, `POST /pypi/` and `POST /RPC2` with `Content-Type: text/xml`: PyPI's XML-RPC
/// endpoint (reference b.1, b.5), for the mirroring methods (``MirrorXMLRPCMethods``). Every
/// answer to a call is 200 `text/xml`, a fault included, as pyramid_rpc answers: a body that is
/// too large or not an XML-RPC call, a removed or unknown method, wrong parameters. Answers are
/// not cached (POST; the changelog moves with every write).
struct XMLRPCController: Sendable {
    /// The largest body read: a mirroring call is a few hundred bytes.
    static let bodyLimit = 64 * 1024
    /// The endpoints (the router takes `/pypi/` for `/pypi`).
    static let paths = ["/pypi", "/RPC2"]

    let methods: MirrorXMLRPCMethods
    let urls: PublicURLs

    func register(on router: Router<IndexRequestContext>) {
        for path in Self.paths {
            router.post(RouterPath(path), use: handle)
        }
    }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        guard Self.isXML(request.headers[.contentType]) else {
            throw MessageError(415, "XML-RPC calls need Content-Type: text/xml.")
        }
        let fault: XMLRPCFault
        do {
            let call = try await Self.call(in: request)
            return Self.response(XMLRPCResponse.success(try await methods.answer(call, base: base(of: request))))
        } catch let error as XMLRPCFault {
            fault = error
        } catch let error as IndexStoreError {
            // The database down is the availability middleware's 503 (Retry-After); else a fault.
            if case .unavailable = error { throw error }
            context.logger.error("An XML-RPC call failed", metadata: ["error": "\(error)"])
            fault = .applicationError
        } catch {
            context.logger.error("An XML-RPC call failed", metadata: ["error": "\(error)"])
            fault = .applicationError
        }
        return Self.response(XMLRPCResponse.fault(fault))
    }

    /// The call in the request's body, or the fault answering it.
    static func call(in request: Request) async throws(XMLRPCFault) -> XMLRPCCall {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > bodyLimit {
            throw .tooLarge(limit: bodyLimit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: bodyLimit)
        } catch {
            throw .tooLarge(limit: bodyLimit)
        }
        do {
            return try XMLRPCCall(parsing: Array(body.readableBytesView))
        } catch {
            throw .notWellFormed
        }
    }

    /// Whether `contentType` is `text/xml` (parameters such as `charset` allowed), as Warehouse's
    /// route predicate asks.
    static func isXML(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingWhitespace().lowercased() == "text/xml"
    }

    /// The index's public URL for `request`: the configured base URL, else the origin it asked.
    private func base(of request: Request) -> String {
        urls.configuredBase ?? request.head.authority.flatMap(PublicURLs.origin(host:)) ?? ""
    }

    private static func response(_ bytes: [UInt8]) -> Response {
        let body = ByteBuffer(bytes: bytes)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/xml", .contentLength: String(body.readableBytes), .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: body))
    }
}
