import Foundation
import HTTPTypes
import Hummingbird

/// JSON answers of the trusted-publishing routes.
enum JSONResponse {
    /// `object` serialized (keys sorted), with `status`.
    static func make(_ status: HTTPResponse.Status, _ object: Any, contentType: String = "application/json")
        -> Response
    {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        let body = ByteBuffer(bytes: data)
        return Response(
            status: status, headers: [.contentType: contentType, .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body))
    }

    /// The JSON object in a request body of at most `limit` bytes; `nil` when the body is too
    /// large or not a JSON object.
    static func object(of request: Request, limit: Int) async -> [String: Any]? {
        guard var body = try? await request.body.collect(upTo: limit) else { return nil }
        guard let bytes = body.readBytes(length: body.readableBytes), !bytes.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
