import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexTesting
import NIOCore
import PythonPackaging
import Testing

@testable import IndexHTTP

/// The HTTP fixture with journal entries written straight to the store, and helpers to call the
/// XML-RPC endpoint and read its answers.
extension HTTPFixture {
    /// Creates `name` (as stored) with a `create` entry, then a `new release` entry per version,
    /// one second apart; the serials written.
    @discardableResult
    func seed(_ name: String, versions: [String] = [], status: ProjectStatus = .active) async throws -> [Int64] {
        let clock = self.clock
        return try await store.write { tx in
            let normalized = ProjectName.normalize(name)
            let project = try await tx.createProject(name: name, normalizedName: normalized, created: clock.now())
            if status != .active { try await tx.setStatus(status, projectID: project.id) }
            var serials = [
                try await tx.appendJournal(
                    normalizedName: normalized, projectName: name, version: nil, action: "create", time: clock.now(),
                    actor: "alice")
            ]
            for version in versions {
                clock.advance(by: 1)
                serials.append(
                    try await tx.appendJournal(
                        normalizedName: normalized, projectName: name, version: version, action: "new release",
                        time: clock.now(), actor: "alice"))
            }
            return serials
        }
    }

    /// A configuration as ``application`` uses, read-only when asked.
    func application(readOnly: Bool) -> some ApplicationProtocol {
        var configuration = IndexServerConfiguration(
            baseURL: "https://index.example", uploadLimits: UploadLimits(fileSize: 1 << 20, projectSize: 4 << 20))
        configuration.readOnly = readOnly
        return buildApplication(
            configuration: configuration, store: store, blobs: blobs, clock: clock, security: security)
    }
}

/// An XML-RPC call body as Python's `xmlrpc.client.dumps` writes it.
func xmlRPCBody(_ method: String, _ params: [String] = []) -> ByteBuffer {
    let list = params.map { "<param>\n<value>\($0)</value>\n</param>\n" }.joined()
    return ByteBuffer(
        string:
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>\(method)</methodName>\n<params>\n\(list)</params>\n</methodCall>\n"
    )
}

extension TestClientProtocol {
    /// POSTs `body` to `path` as `text/xml`.
    func xmlRPC(_ body: ByteBuffer, path: String = "/pypi") async throws -> TestResponse {
        try await execute(uri: path, method: .post, headers: [.contentType: "text/xml"], body: body)
    }
}

/// The fault code and string of a `methodResponse`, `nil` when it is not a fault.
func fault(in response: TestResponse) -> (code: Int, message: String)? {
    let text = String(buffer: response.body)
    guard text.contains("<fault>"),
        let code = text.between("<name>faultCode</name>\n<value><int>", "</int>").flatMap({ Int($0) }),
        let message = text.between("<name>faultString</name>\n<value><string>", "</string>")
    else { return nil }
    return (code, message.replacingXMLEscapes())
}

extension String {
    func between(_ start: String, _ end: String) -> String? {
        guard let lower = range(of: start)?.upperBound, let upper = self[lower...].range(of: end)?.lowerBound else {
            return nil
        }
        return String(self[lower..<upper])
    }

    func replacingXMLEscapes() -> String {
        var text = self
        for (escaped, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&#13;", "\r"), ("&amp;", "&")] {
            text = text.split(separator: escaped, omittingEmptySubsequences: false).joined(separator: plain)
        }
        return text
    }
}
