import IndexCore
import Testing

@testable import IndexStorage

@Suite struct S3ResponseParsingTests {
    @Test func anErrorDocumentBecomesAnS3Error() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not \
            match &amp; so on.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>
            """
        let error = S3Error.response(operation: "PUT object", status: 403, reason: "Forbidden", body: body)
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.message == "The request signature we calculated does not match & so on.")
        #expect(error.isAuthenticationFailure)
        #expect("\(error)" == "S3 PUT object failed (HTTP 403): SignatureDoesNotMatch: \(error.message)")
    }

    @Test func aBodilessFailureIsNamedByItsStatus() {
        let error = S3Error.response(operation: "HEAD object", status: 503, reason: "Service Unavailable", body: "")
        #expect(error.code == "ServiceUnavailable")
        #expect(!error.isAuthenticationFailure)
    }

    @Test func aListingOfUploadsIsRead() {
        let document = S3XML(
            """
            <ListMultipartUploadsResult xmlns="http://example.org/doc/2006-03-01/">
              <Bucket>b</Bucket><IsTruncated>true</IsTruncated><NextKeyMarker>packages/b</NextKeyMarker>
              <Upload><Key>packages/a&lt;1&gt;</Key><UploadId>id-1</UploadId>
                <Initiated>2010-11-10T20:48:33.000Z</Initiated></Upload>
              <Upload><Key>packages/b</Key><UploadId>id&#x2F;2</UploadId><Initiated/></Upload>
            </ListMultipartUploadsResult>
            """)
        let uploads = document.elements(named: "Upload")
        #expect(uploads.map { $0.value(of: "Key") } == ["packages/a<1>", "packages/b"])
        #expect(uploads.map { $0.value(of: "UploadId") } == ["id-1", "id/2"])
        #expect(uploads.map { $0.value(of: "Initiated") } == ["2010-11-10T20:48:33.000Z", ""])
        #expect(document.value(of: "IsTruncated") == "true")
        #expect(document.value(of: "Bucket") == "b")
        #expect(document.value(of: "Missing") == nil)
    }

    @Test func textIsEscapedForElements() {
        #expect(S3XML.escaped("\"a&b<c>\"") == "&quot;a&amp;b&lt;c&gt;&quot;")
        #expect(S3XML.decoded(S3XML.escaped("\"a&b<c>\"")[...]) == "\"a&b<c>\"")
        #expect(S3XML.decoded("a & b; &bogus; &#65;") == "a & b; &bogus; A")
    }

    @Test(arguments: [
        ("2010-11-10T20:48:33.000Z", 1_289_422_113.0), ("1970-01-01T00:00:00Z", 0.0),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0), ("2000-03-01T00:00:00.5Z", 951_868_800.0),
    ])
    func s3DateTimesAreParsed(_ text: String, seconds: Double) {
        #expect(Timestamp(s3DateTime: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: [
        "", "2010-11-10 20:48:33Z", "2010-13-10T20:48:33Z", "2010-11-10T20:48:33", "yyyy-11-10T20:48:33Z",
    ])
    func otherDateTimesAreNot(_ text: String) {
        #expect(Timestamp(s3DateTime: text) == nil)
    }

    @Test(arguments: [("bytes 0-9/443", 443), ("bytes */10", 10), ("bytes 0-9/*", nil), ("nonsense", nil)])
    func theTotalSizeComesFromContentRange(_ header: String, total: Int?) {
        #expect(S3Client.totalSize(fromContentRange: header) == total)
    }

    @Test func signingTimesAreUTCWholeSeconds() {
        let time = SigV4Time(Timestamp(secondsSinceEpoch: 1_440_938_160.75))
        #expect(time.dateTime == "20150830T123600Z")
        #expect(time.date == "20150830")
    }
}
