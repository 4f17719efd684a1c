import IndexStorage
import Testing

@Suite struct S3ConfigurationTests {
    static let base = [
        "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_ENDPOINT_URL": "http://127.0.0.1:8333",
    ]

    @Test func theStandardVariablesConfigureTheStore() throws {
        var environment = Self.base
        environment["AWS_SESSION_TOKEN"] = "token"
        environment["AWS_DEFAULT_REGION"] = "eu-west-1"
        environment["AWS_ENDPOINT_URL_S3"] = "https://s3.example.org/"
        let configuration = try S3Configuration.fromEnvironment(environment, storageURL: "s3://cheese-files")
        #expect(configuration.bucket == "cheese-files")
        #expect(configuration.endpoint == "https://s3.example.org/")
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.accessKeyID == "AKID")
        #expect(configuration.secretAccessKey == "secret")
        #expect(configuration.sessionToken == "token")
        #expect(configuration.partSize == 16 << 20)
        #expect(try configuration.validated() == S3Endpoint(parsing: "https://s3.example.org"))
    }

    @Test(arguments: [
        (["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-west-1"], "ap-south-1"),
        (["AWS_DEFAULT_REGION": "eu-west-1"], "eu-west-1"),
        (["AWS_REGION": ""], "us-east-1"),
        ([:], "us-east-1"),
    ])
    func theRegionComesFromAWSRegionThenTheDefault(_ extra: [String: String], region: String) throws {
        let environment = Self.base.merging(extra) { $1 }
        #expect(try S3Configuration.fromEnvironment(environment, storageURL: "s3://bucket").region == region)
    }

    @Test(arguments: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL"])
    func aMissingVariableIsNamed(_ name: String) {
        var environment = Self.base
        environment[name] = nil
        #expect {
            _ = try S3Configuration.fromEnvironment(environment, storageURL: "s3://bucket")
        } throws: { error in
            (error as? S3ConfigurationError)?.message.contains(name) == true
        }
    }

    @Test(arguments: [("s3://bucket", "bucket"), ("S3://my.bucket-1/", "my.bucket-1")])
    func aStorageURLNamesItsBucket(_ url: String, bucket: String) throws {
        #expect(try S3Configuration.bucket(fromStorageURL: url) == bucket)
    }

    @Test(arguments: ["file:///data", "s3://", "s3://Bucket", "s3://bucket/prefix", "s3://ab", "s3://-bucket"])
    func aBadStorageURLIsRefused(_ url: String) {
        #expect(throws: S3ConfigurationError.self) { _ = try S3Configuration.bucket(fromStorageURL: url) }
    }

    @Test(arguments: [
        ("http://127.0.0.1:8333", "http", "127.0.0.1:8333"), ("HTTPS://s3.example.org/", "https", "s3.example.org"),
    ])
    func anEndpointIsASchemeAndAnAuthority(_ url: String, scheme: String, authority: String) throws {
        let endpoint = try S3Endpoint(parsing: url)
        #expect(endpoint.scheme == scheme)
        #expect(endpoint.authority == authority)
    }

    @Test(arguments: ["ftp://example.org", "example.org", "http://", "http://example.org/base", "http://u@example.org"])
    func aBadEndpointIsRefused(_ url: String) {
        #expect(throws: S3ConfigurationError.self) { _ = try S3Endpoint(parsing: url) }
    }

    @Test func partsSmallerThanFiveMebibytesAreRefused() {
        let configuration = S3Configuration(
            endpoint: "http://127.0.0.1:1", bucket: "bucket", accessKeyID: "a", secretAccessKey: "s",
            partSize: (5 << 20) - 1)
        #expect(throws: S3ConfigurationError.self) { _ = try configuration.validated() }
    }

    @Test func theDescriptionHidesTheSecret() {
        let configuration = S3Configuration(
            endpoint: "http://127.0.0.1:1", bucket: "bucket", accessKeyID: "AKID", secretAccessKey: "hunter2",
            sessionToken: "tok3n")
        #expect(!"\(configuration)".contains("hunter2"))
        #expect(!"\(configuration)".contains("tok3n"))
        #expect("\(configuration)".contains("AKID"))
    }
}
