import Foundation
import HTTPTypes
import Hummingbird
import IndexCore

/// `POST /_/secrets/disclose-token`: a code host's token-leak report (GitHub secret scanning's
/// format: a JSON array of `{"token", "type", "url", "source"}`, signed with the headers
/// `Github-Public-Key-Identifier` and `Github-Public-Key-Signature`). 200 with the number of
/// tokens revoked; 400 and nothing revoked for a bad signature (AU11).
struct LeakReportController: Sendable {
    let revoke: RevokeLeakedTokens

    func register(on router: Router<IndexRequestContext>) {
        router.post("/_/secrets/disclose-token") { request, _ in
            var buffer = try await request.body.collect(upTo: 1 << 20)
            let body = buffer.readBytes(length: buffer.readableBytes) ?? []
            let keyID = HTTPField.Name("Github-Public-Key-Identifier").flatMap { request.headers[$0] } ?? ""
            let signature = HTTPField.Name("Github-Public-Key-Signature").flatMap { request.headers[$0] } ?? ""
            let revoked: Int
            do {
                revoked = try await revoke(body: body, keyID: keyID, signature: signature, disclosures: Self.parse)
            } catch let error as AuthError {
                throw MessageError(error.kind, error.message)
            }
            let answer = ByteBuffer(string: "{\"revoked\": \(revoked)}")
            return Response(
                status: .ok, headers: [.contentType: "application/json", .contentLength: String(answer.readableBytes)],
                body: ResponseBody(byteBuffer: answer))
        }
    }

    @Sendable static func parse(_ body: [UInt8]) throws -> [RevokeLeakedTokens.Disclosure] {
        guard let items = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] else {
            throw MessageError(400, "Invalid report.")
        }
        return items.compactMap { item in
            (item["token"] as? String).map {
                RevokeLeakedTokens.Disclosure(token: $0, url: item["url"] as? String ?? "")
            }
        }
    }
}
