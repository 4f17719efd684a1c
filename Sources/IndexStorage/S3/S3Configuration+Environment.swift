extension S3Configuration {
    /// The configuration of the bucket named by `storageURL` (`s3://bucket`), with the rest
    /// from the standard AWS environment variables in `environment`:
    ///
    /// - `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (required), `AWS_SESSION_TOKEN`;
    /// - `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`;
    /// - `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL` (required: the store addresses buckets
    ///   path-style and assumes no provider).
    ///
    /// Empty variables count as unset.
    public static func fromEnvironment(
        _ environment: [String: String], storageURL: String, partSize: Int = defaultPartSize
    ) throws(S3ConfigurationError) -> S3Configuration {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let bucket = try Self.bucket(fromStorageURL: storageURL)
        guard let endpoint = value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL") else {
            throw S3ConfigurationError("Set AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) to the S3 endpoint.")
        }
        guard let accessKeyID = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            throw S3ConfigurationError("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the S3 store.")
        }
        let configuration = S3Configuration(
            endpoint: endpoint, bucket: bucket,
            region: value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1",
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"),
            partSize: partSize)
        _ = try configuration.validated()
        return configuration
    }

    /// The bucket of a storage URL `s3://bucket` (a trailing `/` allowed; a key prefix is not
    /// supported).
    public static func bucket(fromStorageURL url: String) throws(S3ConfigurationError) -> String {
        guard url.lowercased().hasPrefix("s3://") else {
            throw S3ConfigurationError("The storage URL '\(url)' is not an s3:// URL.")
        }
        var bucket = Substring(url.dropFirst(5))
        if bucket.hasSuffix("/") { bucket = bucket.dropLast() }
        guard isValidBucketName(String(bucket)) else {
            throw S3ConfigurationError("The storage URL '\(url)' must be s3://BUCKET with a valid bucket name.")
        }
        return String(bucket)
    }
}
