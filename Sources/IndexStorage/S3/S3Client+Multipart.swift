import IndexCore

/// A part uploaded to a multipart upload.
public struct S3UploadedPart: Sendable, Hashable {
    /// Its number, from 1.
    public let number: Int
    /// The `ETag` S3 gave it.
    public let etag: String

    /// Creates a part.
    public init(number: Int, etag: String) {
        self.number = number
        self.etag = etag
    }
}

/// A multipart upload in progress, as listed.
public struct S3MultipartUpload: Sendable, Hashable {
    /// The object key it will create.
    public let key: String
    /// Its id.
    public let uploadID: String
    /// When it was started, if S3 said so readably.
    public let initiated: Timestamp?
}

extension S3Client {
    /// Starts a multipart upload of `key` with user `metadata`; returns its upload id.
    public func createMultipartUpload(
        _ key: String, metadata: [String: String] = [:], contentType: String = "application/octet-stream"
    ) async throws(S3Error) -> String {
        var headers = Self.metadataHeaders(metadata)
        headers.append((name: "content-type", value: contentType))
        let response = try await send(
            "create multipart upload", method: "POST", key: key, query: [(name: "uploads", value: "")], headers: headers
        )
        let body = try await requireSuccess(response, operation: "create multipart upload")
        guard let id = S3XML(body).value(of: "UploadId"), !id.isEmpty else {
            throw S3Error(
                operation: "create multipart upload", status: Int(response.status.code), code: "MalformedResponse",
                message: "The answer held no UploadId.")
        }
        return id
    }

    /// Uploads `payload` as part `number` (from 1) of `uploadID`; returns the part's `ETag`.
    public func uploadPart(
        _ key: String, uploadID: String, number: Int, payload: S3Payload
    ) async throws(S3Error) -> S3UploadedPart {
        let response = try await send(
            "upload part", method: "PUT", key: key,
            query: [(name: "partNumber", value: String(number)), (name: "uploadId", value: uploadID)], payload: payload)
        try await requireSuccess(response, operation: "upload part")
        guard let etag = response.headers.first(name: "etag") else {
            throw S3Error(
                operation: "upload part", status: Int(response.status.code), code: "MalformedResponse",
                message: "The answer held no ETag.")
        }
        return S3UploadedPart(number: number, etag: etag)
    }

    /// Joins `parts` into the object. S3 may answer 200 with an `<Error>` document, which is
    /// thrown like any other failure.
    public func completeMultipartUpload(
        _ key: String, uploadID: String, parts: [S3UploadedPart]
    ) async throws(S3Error) {
        let xml =
            "<CompleteMultipartUpload>"
            + parts.map {
                "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(S3XML.escaped($0.etag))</ETag></Part>"
            }.joined() + "</CompleteMultipartUpload>"
        let response = try await send(
            "complete multipart upload", method: "POST", key: key, query: [(name: "uploadId", value: uploadID)],
            headers: [(name: "content-type", value: "application/xml")], payload: .bytes(Array(xml.utf8)))
        let body = try await requireSuccess(response, operation: "complete multipart upload")
        if !S3XML(body).elements(named: "Error").isEmpty {
            throw .response(operation: "complete multipart upload", status: 200, reason: "OK", body: body)
        }
    }

    /// Abandons `uploadID`, freeing its parts; an upload already gone is not an error.
    public func abortMultipartUpload(_ key: String, uploadID: String) async throws(S3Error) {
        let response = try await send(
            "abort multipart upload", method: "DELETE", key: key, query: [(name: "uploadId", value: uploadID)])
        if response.status.code == 404 { return }
        try await requireSuccess(response, operation: "abort multipart upload")
    }

    /// The multipart uploads in progress whose keys start with `prefix`, every page of them.
    public func listMultipartUploads(prefix: String = "") async throws(S3Error) -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var markers: (key: String, uploadID: String)?
        repeat {
            var query: [SigV4Request.Field] = [(name: "uploads", value: "")]
            if !prefix.isEmpty { query.append((name: "prefix", value: prefix)) }
            if let markers {
                query += [
                    (name: "key-marker", value: markers.key), (name: "upload-id-marker", value: markers.uploadID),
                ]
            }
            let response = try await send("list multipart uploads", method: "GET", key: nil, query: query)
            let document = S3XML(try await requireSuccess(response, operation: "list multipart uploads"))
            for upload in document.elements(named: "Upload") {
                guard let key = upload.value(of: "Key"), let id = upload.value(of: "UploadId") else { continue }
                let initiated = upload.value(of: "Initiated").flatMap(Timestamp.init(s3DateTime:))
                uploads.append(S3MultipartUpload(key: key, uploadID: id, initiated: initiated))
            }
            markers = nil
            if document.value(of: "IsTruncated") == "true", let key = document.value(of: "NextKeyMarker"),
                let id = document.value(of: "NextUploadIdMarker"), !(key.isEmpty && id.isEmpty)
            {
                markers = (key, id)
            }
        } while markers != nil
        return uploads
    }
}
