import IndexCore
import IndexStorage
import Testing

/// AWS's published Signature Version 4 vectors: the `aws-sig-v4-test-suite` cases (as carried
/// by awslabs/aws-c-auth, `tests/aws-signing-test-suite/v4`) and the worked examples of the S3
/// documentation ("Signature Calculations for the Authorization Header", "Authenticating
/// Requests: Using Query Parameters").
@Suite struct SigV4SignerTests {
    struct Vector: Sendable, CustomStringConvertible {
        let description: String
        let signer: SigV4Signer
        let time: SigV4Time
        let request: SigV4Request
        let canonicalRequest: String
        let stringToSign: String
        let authorization: String
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let suiteTime = SigV4Time(Timestamp(secondsSinceEpoch: 1_440_938_160))  // 2015-08-30T12:36:00Z
    static let s3Time = SigV4Time(Timestamp(secondsSinceEpoch: 1_369_353_600))  // 2013-05-24T00:00:00Z
    static let suiteSigner = SigV4Signer(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region: "us-east-1", service: "service")
    static let s3Signer = SigV4Signer(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1")
    static let suiteScope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"
    static let s3Scope = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"

    static let vectors: [Vector] = [
        Vector(
            description: "suite get-vanilla", signer: suiteSigner, time: suiteTime,
            request: SigV4Request(
                method: "GET", path: "/", headers: [("Host", "example.amazonaws.com")], payloadHash: emptyHash),
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + emptyHash,
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=\(suiteScope), SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            description: "suite get-vanilla-query-order-key-case", signer: suiteSigner, time: suiteTime,
            request: SigV4Request(
                method: "GET", path: "/", query: [("Param2", "value2"), ("Param1", "value1")],
                headers: [("Host", "example.amazonaws.com")], payloadHash: emptyHash),
            canonicalRequest: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + emptyHash,
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            authorization: "AWS4-HMAC-SHA256 Credential=\(suiteScope), SignedHeaders=host;x-amz-date, "
                + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(
            description: "suite get-header-value-trim", signer: suiteSigner, time: suiteTime,
            request: SigV4Request(
                method: "GET", path: "/",
                headers: [
                    ("Host", "example.amazonaws.com"), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""),
                ],
                payloadHash: emptyHash),
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + emptyHash,
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            authorization: "AWS4-HMAC-SHA256 Credential=\(suiteScope), "
                + "SignedHeaders=host;my-header1;my-header2;x-amz-date, "
                + "Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(
            description: "suite post-x-www-form-urlencoded (signed body)", signer: suiteSigner, time: suiteTime,
            request: SigV4Request(
                method: "POST", path: "/",
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"),
                    ("Content-Length", "13"),
                    ("x-amz-content-sha256", SigV4Signer.payloadHash(of: Array("Param1=value1".utf8))),
                ],
                payloadHash: SigV4Signer.payloadHash(of: Array("Param1=value1".utf8))),
            canonicalRequest: "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\n"
                + "host:example.amazonaws.com\n"
                + "x-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\n"
                + "x-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "b1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb",
            authorization: "AWS4-HMAC-SHA256 Credential=\(suiteScope), "
                + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, "
                + "Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"),
        Vector(
            description: "S3 GET object with Range", signer: s3Signer, time: s3Time,
            request: SigV4Request(
                method: "GET", path: "/test.txt",
                headers: [
                    ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                    ("x-amz-content-sha256", emptyHash),
                ],
                payloadHash: emptyHash),
            canonicalRequest: "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:\(emptyHash)\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n" + emptyHash,
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            authorization: "AWS4-HMAC-SHA256 Credential=\(s3Scope), "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Vector(
            description: "S3 PUT object", signer: s3Signer, time: s3Time,
            request: SigV4Request(
                method: "PUT", path: "/test$file.text",
                headers: [
                    ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                    ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                    ("x-amz-content-sha256", SigV4Signer.payloadHash(of: Array("Welcome to Amazon S3.".utf8))),
                ],
                payloadHash: SigV4Signer.payloadHash(of: Array("Welcome to Amazon S3.".utf8))),
            canonicalRequest: "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\n"
                + "host:examplebucket.s3.amazonaws.com\n"
                + "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
                + "x-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\n"
                + "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
                + "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            authorization: "AWS4-HMAC-SHA256 Credential=\(s3Scope), "
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
        Vector(
            description: "S3 GET bucket with a query (list objects)", signer: s3Signer, time: s3Time,
            request: SigV4Request(
                method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
                headers: [("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", emptyHash)],
                payloadHash: emptyHash),
            canonicalRequest: "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"
                + "x-amz-content-sha256:\(emptyHash)\nx-amz-date:20130524T000000Z\n\n"
                + "host;x-amz-content-sha256;x-amz-date\n" + emptyHash,
            stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            authorization: "AWS4-HMAC-SHA256 Credential=\(s3Scope), "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
    ]

    @Test(arguments: vectors)
    func signingMatchesThePublishedVector(_ vector: Vector) {
        let result = vector.signer.sign(vector.request, at: vector.time)
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(vector.signer.authorization(result) == vector.authorization)
    }

    @Test func theSigningKeyMatchesThePublishedDerivation() {
        // The SigV4 documentation's derived key for 20150830/us-east-1/iam.
        let signer = SigV4Signer(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: "us-east-1", service: "iam")
        let key = signer.signingKey(date: "20150830")
        let bytes: [UInt8] = key.withUnsafeBytes { Array($0) }
        let hex: String = bytes.map { (byte: UInt8) -> String in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        #expect(hex == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test func theSentHeadersCarryTheDateAndTheAuthorization() throws {
        let vector = Self.vectors[4]
        let headers = vector.signer.headers(for: vector.request, at: vector.time)
        #expect(headers.first { $0.name == "x-amz-date" }?.value == "20130524T000000Z")
        #expect(headers.first { $0.name == "authorization" }?.value == vector.authorization)
    }

    @Test func aSessionTokenIsSignedAsAHeader() {
        let signer = SigV4Signer(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token/+=", region: "us-east-1")
        let request = SigV4Request(
            method: "GET", path: "/b/k", headers: [("Host", "example.org")], payloadHash: Self.emptyHash)
        let result = signer.sign(request, at: Self.s3Time)
        #expect(result.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(result.canonicalRequest.contains("\nx-amz-security-token:token/+=\n"))
    }
}
