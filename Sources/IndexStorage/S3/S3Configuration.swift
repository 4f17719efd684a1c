/// Where an ``S3BlobStore`` keeps its blobs and how it signs in: an S3-compatible endpoint
/// (AWS, SeaweedFS, MinIO, ...) addressed path-style, `endpoint/bucket/key`.
public struct S3Configuration: Sendable, Hashable, CustomStringConvertible {
    /// The part size of multipart uploads when none is given: 16 MiB.
    public static let defaultPartSize = 16 << 20
    /// The smallest part S3 accepts, but for the last: 5 MiB.
    public static let minimumPartSize = 5 << 20

    /// The endpoint, `http://host:port` or `https://host`, without a path.
    public var endpoint: String
    /// The bucket.
    public var bucket: String
    /// The region the signature is scoped to, e.g. `us-east-1`.
    public var region: String
    /// The access key's id.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// A temporary credential's session token.
    public var sessionToken: String?
    /// Blobs larger than this are uploaded in parts of this size (at least 5 MiB).
    public var partSize: Int
    /// How long a request other than a read may take, in seconds.
    public var requestTimeoutSeconds: Int64
    /// How long a read's response may take to stream, in seconds (a slow download holds it).
    public var readTimeoutSeconds: Int64

    /// A configuration; ``validated()`` checks it.
    public init(
        endpoint: String, bucket: String, region: String = "us-east-1", accessKeyID: String,
        secretAccessKey: String, sessionToken: String? = nil, partSize: Int = Self.defaultPartSize,
        requestTimeoutSeconds: Int64 = 300, readTimeoutSeconds: Int64 = 3600
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.partSize = partSize
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
    }

    /// The endpoint split into scheme and authority, after checking every field.
    public func validated() throws(S3ConfigurationError) -> S3Endpoint {
        let endpoint = try S3Endpoint(parsing: endpoint)
        guard Self.isValidBucketName(bucket) else {
            throw S3ConfigurationError("The bucket name '\(bucket)' is not a valid S3 bucket name.")
        }
        guard !region.isEmpty, region.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "/") }) else {
            throw S3ConfigurationError("The region '\(region)' is not valid.")
        }
        guard !accessKeyID.isEmpty, !secretAccessKey.isEmpty else {
            throw S3ConfigurationError("An access key id and a secret access key are required.")
        }
        guard partSize >= Self.minimumPartSize else {
            throw S3ConfigurationError("The part size must be at least \(Self.minimumPartSize) bytes.")
        }
        return endpoint
    }

    /// Whether `name` follows S3's bucket naming rules: 3-63 lowercase letters, digits, `-`
    /// and `.`, starting and ending with a letter or digit.
    static func isValidBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
            alphanumeric(first), alphanumeric(last)
        else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// The configuration without its secret, for logs.
    public var description: String {
        "S3Configuration(endpoint: \(endpoint), bucket: \(bucket), region: \(region), "
            + "accessKeyID: \(accessKeyID), partSize: \(partSize))"
    }
}
