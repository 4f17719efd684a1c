import HTTPTypes
import Hummingbird
import IndexCore

/// `POST /legacy/`: authenticate, stream the multipart body into the form and a staged blob,
/// run ``UploadDistribution``, answer Warehouse style (reference b.4).
struct UploadController: Sendable {
    let model: ReadModel
    let authenticator: UploadAuthenticator
    let reader: MultipartUploadReader
    let metrics: ServerMetrics
    let upload: UploadDistribution

    func handle(_ request: Request, context: IndexRequestContext) async throws -> Response {
        do {
            let response = try await process(request, context: context)
            if response.status == .ok { metrics.upload("accepted") }
            return response
        } catch let error as UploadError {
            metrics.upload(error.kind.metricsLabel)
            throw error.httpError
        } catch let error as BlobStoreError where error == .storageFull {
            metrics.upload("storage_full")
            throw Self.storageFull
        } catch let error as HTTPResponseError {
            metrics.upload("http_\(error.status.code)")
            throw error
        } catch {
            metrics.upload("error")
            throw error
        }
    }

    private func process(_ request: Request, context: IndexRequestContext) async throws -> Response {
        if !request.uri.path.hasSuffix("/") {
            return Response(status: .permanentRedirect, headers: [.location: "/legacy/"])
        }
        let identity = try await authenticator.identity(
            authorization: request.headers[.authorization], ip: context.clientIP)
        guard let boundary = MultipartUploadReader.boundary(contentType: request.headers[.contentType]) else {
            throw MessageError(400, "Invalid multipart form data.")
        }
        let read = try await reader.read(request.body, boundary: boundary)
        if let refusal = Self.actionRefusal(read.form[":action"]?.first) {
            await read.content?.blob.discard()
            throw refusal
        }
        let result = try await upload(UploadRequest(form: read.form, content: read.content, identity: identity))
        await model.catchUp()
        let body = ByteBuffer(string: result.warnings.joined(separator: "\n"))
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body))
    }

    /// The answer when the blob store has no room: nothing was stored, a retry later may work
    /// (catalogue F01).
    static let storageFull = MessageError(
        507, "The index's file storage is full, so the file was not stored. Try again later.")

    /// Warehouse's answers to the retired `:action`s.
    static func actionRefusal(_ action: String?) -> MessageError? {
        switch action {
        case nil, "file_upload": nil
        case "submit", "submit_pkg_info":
            MessageError(
                410, "Project pre-registration is no longer required or supported, upload your files instead.")
        case "doc_upload":
            MessageError(
                410,
                "Uploading documentation is no longer supported, we recommend using https://readthedocs.org/.")
        default: MessageError(400, "Unknown :action.")
        }
    }
}
