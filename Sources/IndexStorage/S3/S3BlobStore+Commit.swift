import Crypto
import IndexCore

extension S3BlobStore {
    /// The bytes hashed at a time when a part's SHA-256 is computed.
    static let hashChunk = 1 << 20

    /// Uploads `staged` as `key`, then removes the staged file.
    ///
    /// An object already at `key` with the same size and SHA-256 makes this a no-op; one with
    /// other content throws ``BlobStoreError/keyHoldsOtherContent``. The upload is conditional
    /// (`If-None-Match: *`), so a concurrent commit of other bytes cannot be overwritten.
    public func commit(_ staged: any StagedBlob, as key: BlobKey) async throws {
        let objectKey = try Self.objectKey(key)
        guard let blob = staging.ownedBlob(staged) else { throw BlobStoreError.foreignStagedBlob }
        let digests = try await blob.finish()
        let (_, size) = try blob.beginCommit()
        do {
            if let head = try await client.headObject(objectKey) {
                try Self.requireSame(head, size: size, sha256: digests.sha256)
            } else {
                try await upload(blob.path, size: size, sha256: digests.sha256, as: objectKey)
            }
            let path = blob.path
            _ = try await staging.io.run { () throws(BlobStoreError) -> Bool in try POSIXFiles.remove(path) }
        } catch {
            blob.endCommit(committed: false)
            throw error
        }
        blob.endCommit(committed: true)
    }

    /// Throws unless `head` describes `size` bytes with SHA-256 `sha256`.
    static func requireSame(_ head: S3ObjectHead, size: Int, sha256: String) throws(BlobStoreError) {
        guard head.size == size, head.metadata["sha256"] == sha256 else { throw .keyHoldsOtherContent }
    }

    /// Uploads the staged file at `path` as `objectKey`: one `PUT` up to the part size, a
    /// multipart upload above it. Losing the race to another commit is settled by comparing.
    private func upload(_ path: String, size: Int, sha256: String, as objectKey: String) async throws {
        guard let file = try await staging.io.run({ () throws(BlobStoreError) in try POSIXFiles.openForReading(path) })
        else { throw BlobStoreError.stagedBlobUnusable("gone") }
        let metadata = ["sha256": sha256]
        do {
            if size <= client.configuration.partSize {
                let payload = S3Payload.file(file, range: 0..<size, sha256: sha256, io: staging.io)
                try await client.putObject(objectKey, payload: payload, metadata: metadata, onlyIfAbsent: true)
            } else {
                try await uploadInParts(file, size: size, metadata: metadata, as: objectKey)
            }
        } catch let error as S3Error where error.status == 412 {
            guard let head = try await client.headObject(objectKey) else { throw error }
            try Self.requireSame(head, size: size, sha256: sha256)
        }
    }

    /// A multipart upload of `file` in parts of the configured size; aborted on any failure.
    private func uploadInParts(
        _ file: FileDescriptor, size: Int, metadata: [String: String], as objectKey: String
    ) async throws {
        let uploadID = try await client.createMultipartUpload(objectKey, metadata: metadata)
        do {
            var parts: [S3UploadedPart] = []
            for (index, start) in stride(from: 0, to: size, by: client.configuration.partSize).enumerated() {
                let range = start..<min(start + client.configuration.partSize, size)
                let sha256 = try await Self.sha256(of: file, range: range, io: staging.io)
                let payload = S3Payload.file(file, range: range, sha256: sha256, io: staging.io)
                parts.append(
                    try await client.uploadPart(objectKey, uploadID: uploadID, number: index + 1, payload: payload))
            }
            try await client.completeMultipartUpload(objectKey, uploadID: uploadID, parts: parts)
        } catch {
            try? await client.abortMultipartUpload(objectKey, uploadID: uploadID)
            throw error
        }
    }

    /// The hex SHA-256 of `range` of `file`, read and hashed on `io`.
    static func sha256(of file: FileDescriptor, range: Range<Int>, io: BlockingIO) async throws(BlobStoreError)
        -> String
    {
        try await io.run { () throws(BlobStoreError) -> String in
            var hasher = SHA256()
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = min(hashChunk, range.upperBound - offset)
                let bytes = try POSIXFiles.read(file, at: offset, count: count)
                guard bytes.count == count else { throw .stagedBlobUnusable("truncated") }
                hasher.update(data: bytes)
                offset += count
            }
            return SigV4Signer.hex(hasher.finalize())
        }
    }
}
