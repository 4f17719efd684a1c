import Foundation

/// One plain-text message ready for `DATA`: the envelope and the RFC 5322 text.
struct SMTPMessage: Sendable {
    /// The envelope sender (`MAIL FROM`).
    var sender: SMTPAddress
    /// The envelope recipient (`RCPT TO`).
    var recipient: SMTPAddress
    /// The header fields before the transfer-encoding fields, each `Name: value`.
    var headerFields: [String]
    /// The body as lines without line endings.
    var bodyLines: [String]

    /// Builds a message, refusing CR/LF in the subject or addresses and malformed addresses.
    init(
        from: String, to: String, subject: String, body: String, date: Date, uniqueID: String
    ) throws(SMTPError) {
        guard !subject.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw SMTPError(.headerInjection, reply: "line break in subject")
        }
        sender = try SMTPAddress(parsing: from)
        recipient = try SMTPAddress(parsing: to)
        headerFields = [
            "From: \(sender.headerValue)",
            "To: \(recipient.headerValue)",
            "Subject: \(SMTPHeaderEncoding.unstructured(subject))",
            "Date: \(SMTPHeaderEncoding.date(date))",
            "Message-ID: <\(uniqueID)@\(sender.domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        bodyLines = lines
    }

    /// The transfer encoding of the body: `7bit` for short ASCII lines, `8bit` for short lines
    /// when the server offers 8BITMIME (RFC 6152), `quoted-printable` (RFC 2045 §6.7) otherwise.
    func transferEncoding(eightBitMIME: Bool) -> SMTPTransferEncoding {
        let short = bodyLines.allSatisfy { $0.utf8.count <= 998 }
        if short, bodyLines.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0 } }) { return .sevenBit }
        if short, eightBitMIME, bodyLines.allSatisfy({ !$0.utf8.contains(0) }) { return .eightBit }
        return .quotedPrintable
    }

    /// The `DATA` payload: headers, blank line, body with CRLF line endings, lines starting with
    /// `.` doubled (RFC 5321 §4.5.2), and the terminating `.` line.
    func payload(encoding: SMTPTransferEncoding) -> [UInt8] {
        let fields = headerFields + ["Content-Transfer-Encoding: \(encoding.rawValue)"]
        let lines: [String]
        switch encoding {
        case .sevenBit, .eightBit: lines = bodyLines
        case .quotedPrintable: lines = bodyLines.flatMap(SMTPMessage.quotedPrintable)
        }
        var bytes: [UInt8] = []
        for field in fields { bytes += Array(field.utf8) + [13, 10] }
        bytes += [13, 10]
        for line in lines {
            if line.hasPrefix(".") { bytes.append(UInt8(ascii: ".")) }
            bytes += Array(line.utf8) + [13, 10]
        }
        bytes += Array(".\r\n".utf8)
        return bytes
    }

    /// One body line as quoted-printable lines of at most 76 characters, soft breaks ending in `=`.
    static func quotedPrintable(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        var tokens: [String] = []
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (33...126).contains(byte) && byte != UInt8(ascii: "=")
            let space = (byte == 32 || byte == 9) && !isLast
            if literal || space {
                tokens.append(String(UnicodeScalar(byte)))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                tokens.append(
                    String(decoding: [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self))
            }
        }
        var output: [String] = []
        var current = ""
        for (index, token) in tokens.enumerated() {
            let isLast = index == tokens.count - 1
            let limit = isLast ? 76 : 75
            if current.utf8.count + token.utf8.count > limit {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output
    }
}

/// A body's `Content-Transfer-Encoding`.
enum SMTPTransferEncoding: String, Sendable {
    case sevenBit = "7bit"
    case eightBit = "8bit"
    case quotedPrintable = "quoted-printable"
}
