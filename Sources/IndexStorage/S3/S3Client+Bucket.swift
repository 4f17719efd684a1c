extension S3Client {
    /// Creates the configured bucket, for test and development setups; a bucket this account
    /// already owns is fine.
    public func createBucket() async throws(S3Error) {
        var payload = S3Payload.empty
        if configuration.region != "us-east-1" {
            let xml =
                "<CreateBucketConfiguration><LocationConstraint>\(S3XML.escaped(configuration.region))"
                + "</LocationConstraint></CreateBucketConfiguration>"
            payload = .bytes(Array(xml.utf8))
        }
        let response = try await send("create bucket", method: "PUT", key: nil, payload: payload)
        do {
            try await requireSuccess(response, operation: "create bucket")
        } catch  where error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }
}

extension S3Client {
    /// Deletes the configured bucket, for test and development teardown (S3 itself refuses a
    /// bucket that still holds objects; SeaweedFS by default does not).
    public func deleteBucket() async throws(S3Error) {
        let response = try await send("delete bucket", method: "DELETE", key: nil)
        if response.status.code == 404 { return }
        try await requireSuccess(response, operation: "delete bucket")
    }
}

extension S3Client {
    /// Checks that the bucket exists and these credentials may list it, for a startup check:
    /// throws the S3 error otherwise (`NoSuchBucket`, `SignatureDoesNotMatch`, ...).
    public func checkBucket() async throws(S3Error) {
        let response = try await send(
            "check bucket", method: "GET", key: nil,
            query: [(name: "list-type", value: "2"), (name: "max-keys", value: "1")])
        try await requireSuccess(response, operation: "check bucket")
    }
}
