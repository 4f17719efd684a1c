import HTTPTypes
import Hummingbird
import IndexCore

/// An error answered Warehouse style: the message is the status line's reason phrase (made safe
/// for it) and the plain-text body.
struct MessageError: Error, HTTPResponseError, Sendable {
    /// The status code.
    let code: Int
    /// The user-facing message.
    let message: String
    /// Extra headers (e.g. CORS on API 404s).
    var headers: HTTPFields = [:]

    init(_ code: Int, _ message: String, headers: HTTPFields = [:]) {
        self.code = code
        self.message = message
        self.headers = headers
    }

    var status: HTTPResponse.Status {
        HTTPResponse.Status(code: code, reasonPhrase: Self.reasonPhrase(message))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "text/plain; charset=utf-8"
        if let name = HTTPField.Name(ReasonPhrase.header) { headers[name] = Self.reasonPhrase(message) }
        let body = ByteBuffer(string: message)
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// `message` as a reason phrase: printable ASCII only (a subset of ISO-8859-1, so every
    /// client reads it the same), no CR or LF (no header injection), at most 1024 bytes.
    static func reasonPhrase(_ message: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in message.unicodeScalars.prefix(1024) {
            scalars.append((0x20...0x7E).contains(scalar.value) ? scalar : "?")
        }
        return String(scalars)
    }
}

extension MessageError {
    /// Runs `body`, answering the domain's refusal (``ManageError``) with its status and message.
    static func answering<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ManageError {
            throw MessageError(error.kind, error.message)
        }
    }
}

extension UploadError {
    /// The HTTP answer to this refusal.
    var httpError: MessageError {
        MessageError(kind, message, headers: retryAfter.map { [.retryAfter: String($0)] } ?? [:])
    }
}
