import IndexCore
import IndexStorage
import Testing

/// Presigned URLs against the S3 documentation's example ("Authenticating Requests: Using Query
/// Parameters") and the suite's `get-vanilla` query-signing case.
@Suite struct SigV4PresignTests {
    @Test func thePresignedS3ExampleMatches() {
        let request = SigV4Request(
            method: "GET", path: "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com")],
            payloadHash: SigV4Signer.unsignedPayload)
        let (result, query) = SigV4SignerTests.s3Signer.presign(request, at: SigV4SignerTests.s3Time, expires: 86_400)
        let authentication =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1"
            + "%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        #expect(
            result.canonicalRequest
                == "GET\n/test.txt\n\(authentication)\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD")
        #expect(
            result.stringToSign
                == "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
        #expect(result.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        #expect(
            query == authentication
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func theSuiteQuerySignedGetVanillaMatches() {
        let request = SigV4Request(
            method: "GET", path: "/", headers: [("Host", "example.amazonaws.com")],
            payloadHash: SigV4SignerTests.emptyHash)
        let (result, _) = SigV4SignerTests.suiteSigner.presign(request, at: SigV4SignerTests.suiteTime, expires: 3600)
        #expect(
            result.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb7705b4aa3cb8e8f5e1e0b3d4c0b64030797a313c8ceee43e33117cc43eadc5")
        #expect(result.signature == "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d")
    }

    @Test(arguments: [
        ("/", "/"), ("", "/"), ("/bucket/a b+c.whl", "/bucket/a%20b%2Bc.whl"),
        ("/b/4e/2b/demo-1.0.tar.gz", "/b/4e/2b/demo-1.0.tar.gz"), ("/b/ü~", "/b/%C3%BC~"),
        ("/b/a%2F", "/b/a%252F"),
    ])
    func pathsAreEncodedOncePerSegment(path: String, encoded: String) {
        #expect(SigV4Signer.encodedPath(path) == encoded)
    }

    @Test func queryParametersAreEncodedAndSortedByName() {
        let query = SigV4Signer.canonicalQuery([("uploadId", "a/b+c="), ("partNumber", "2"), ("uploads", "")])
        #expect(query == "partNumber=2&uploadId=a%2Fb%2Bc%3D&uploads=")
    }

    @Test func aSessionTokenJoinsThePresignedQuery() {
        let signer = SigV4Signer(accessKeyID: "AKID", secretAccessKey: "s", sessionToken: "t o", region: "us-east-1")
        let request = SigV4Request(
            method: "GET", path: "/b/k", headers: [("Host", "example.org")], payloadHash: "UNSIGNED-PAYLOAD")
        let (_, query) = signer.presign(request, at: SigV4SignerTests.s3Time, expires: 60)
        #expect(query.contains("&X-Amz-Security-Token=t%20o&"))
    }
}
