import IndexCore
import Testing

@Suite struct TimestampFormatTests {
    @Test(
        arguments: [
            (784_111_777.0, "Sun, 06 Nov 1994 08:49:37 GMT"),  // RFC 9110's example
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (1_767_225_600, "Thu, 01 Jan 2026 00:00:00 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        ])
    func httpDateIsIMFFixdate(seconds: Double, text: String) {
        #expect(Timestamp(secondsSinceEpoch: seconds).httpDate == text)
    }
}
