import Foundation
import Testing

@testable import IndexSecurity

@Suite struct SMTPMessageTests {
    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 +0000"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (4_102_444_799.9, "Thu, 31 Dec 2099 23:59:59 +0000"),
        (-1, "Wed, 31 Dec 1969 23:59:59 +0000"),
    ])
    func formatsRFC5322Dates(_ seconds: Double, _ expected: String) {
        #expect(SMTPHeaderEncoding.date(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func encodedWordsNeverSplitACharacter() throws {
        let text = String(repeating: "☕é", count: 40)
        let words = SMTPHeaderEncoding.encodedWords(text).components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var joined = ""
        for word in words {
            #expect(word.count <= 75)
            let data = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            joined += try #require(String(data: data, encoding: .utf8))
        }
        #expect(joined == text)
    }

    @Test(arguments: [
        ("Cheeseshop", "Cheeseshop"), ("Cheese Shop 2", "Cheese Shop 2"),
        ("O'Brien, \"Ltd\"", "\"O'Brien, \\\"Ltd\\\"\""), ("Käse", "=?UTF-8?B?S8Okc2U=?="),
    ])
    func quotesOrEncodesDisplayNames(_ name: String, _ expected: String) {
        #expect(SMTPHeaderEncoding.phrase(name) == expected)
    }

    @Test(arguments: [
        ("plain ascii", ["plain ascii"]),
        ("a=b", ["a=3Db"]),
        ("trailing ", ["trailing=20"]),
        ("Grüße", ["Gr=C3=BC=C3=9Fe"]),
        (String(repeating: "x", count: 80), [String(repeating: "x", count: 75) + "=", "xxxxx"]),
    ])
    func quotedPrintableEncodesAndWraps(_ line: String, _ expected: [String]) {
        #expect(SMTPMessage.quotedPrintable(line) == expected)
    }

    @Test func chosesTheTransferEncodingFromContentAndServer() throws {
        func message(_ body: String) throws -> SMTPMessage {
            try SMTPMessage(
                from: "a@example.org", to: "b@example.org", subject: "s", body: body,
                date: Date(timeIntervalSince1970: 0), uniqueID: "x")
        }
        #expect(try message("ascii").transferEncoding(eightBitMIME: false) == .sevenBit)
        #expect(try message("Grüße").transferEncoding(eightBitMIME: true) == .eightBit)
        #expect(try message("Grüße").transferEncoding(eightBitMIME: false) == .quotedPrintable)
        #expect(
            try message(String(repeating: "x", count: 999)).transferEncoding(eightBitMIME: true) == .quotedPrintable)
    }

    @Test func quotedPrintableBodyIsDotStuffedAfterWrapping() throws {
        let body = String(repeating: "x", count: 75) + ".hidden"
        let message = try SMTPMessage(
            from: "a@example.org", to: "b@example.org", subject: "s", body: body, date: Date(timeIntervalSince1970: 0),
            uniqueID: "x"
        )
        let payload = String(decoding: message.payload(encoding: .quotedPrintable), as: UTF8.self)
        #expect(payload.hasSuffix("\r\n\r\n" + String(repeating: "x", count: 75) + "=\r\n..hidden\r\n.\r\n"))
    }
}
