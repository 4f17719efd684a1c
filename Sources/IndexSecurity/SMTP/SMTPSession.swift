import Foundation

/// The client side of one mail transaction on an open connection (RFC 5321 §3, §4.3.2).
struct SMTPSession {
    var connection: SMTPConnection
    let configuration: SMTPConfiguration
    /// The keywords (upper-cased) and parameters the server's last `EHLO` reply announced.
    private var extensions: [String: [String]] = [:]

    init(connection: SMTPConnection, configuration: SMTPConfiguration) {
        self.connection = connection
        self.configuration = configuration
    }

    /// Greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA and QUIT.
    mutating func run(_ message: SMTPMessage) async throws(SMTPError) {
        try check(await connection.reply(to: "CONNECT"), expecting: [220], command: "CONNECT")
        try await hello()
        if configuration.security == .startTLS {
            guard extensions["STARTTLS"] != nil else {
                throw SMTPError(.startTLSNotOffered, command: "EHLO", reply: "server does not offer STARTTLS")
            }
            try await command("STARTTLS", expecting: [220])
            try await connection.startTLS(configuration)
            try await hello()
        }
        if let credentials = configuration.credentials {
            try await authenticate(username: credentials.username, password: credentials.password)
        }
        let encoding = message.transferEncoding(eightBitMIME: extensions["8BITMIME"] != nil)
        let body = encoding == .eightBit ? " BODY=8BITMIME" : ""
        try await command("MAIL FROM:<\(message.sender.address)>\(body)", expecting: [250], name: "MAIL FROM")
        try await command("RCPT TO:<\(message.recipient.address)>", expecting: [250, 251], name: "RCPT TO")
        try await command("DATA", expecting: [354])
        try await connection.write(message.payload(encoding: encoding), command: "DATA")
        try check(await connection.reply(to: "DATA"), expecting: [250], command: "DATA")
        // The message is accepted: a failed QUIT must not make the caller send it again.
        _ = try? await command("QUIT", expecting: [221])
    }

    /// EHLO, or HELO when the server refuses EHLO with 5xx; records the announced extensions.
    private mutating func hello() async throws(SMTPError) {
        let name = configuration.heloName
        do {
            let reply = try await command("EHLO \(name)", expecting: [250], name: "EHLO")
            extensions = [:]
            for line in reply.lines.dropFirst() {
                let words = line.split(separator: " ").map(String.init)
                guard let keyword = words.first?.uppercased() else { continue }
                extensions[keyword] = words.dropFirst().map { $0.uppercased() }
            }
        } catch  where error.kind == .rejected && (500..<600).contains(error.code ?? 0) {
            try await command("HELO \(name)", expecting: [250], name: "HELO")
            extensions = [:]
        }
    }

    /// AUTH PLAIN (RFC 4616) when offered, else AUTH LOGIN.
    private mutating func authenticate(username: String, password: String) async throws(SMTPError) {
        let mechanisms = extensions["AUTH"] ?? []
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            let token = base64("\0\(username)\0\(password)")
            try await command("AUTH PLAIN \(token)", expecting: [235], name: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: [334])
            try await command(base64(username), expecting: [334], name: "AUTH LOGIN (user)")
            try await command(base64(password), expecting: [235], name: "AUTH LOGIN (password)")
        } else {
            throw SMTPError(
                .authenticationNotOffered, command: "EHLO", reply: "server offers neither AUTH PLAIN nor LOGIN")
        }
    }

    /// Writes `line` and CRLF and checks the reply; `name` replaces the line in errors.
    @discardableResult
    private mutating func command(
        _ line: String, expecting codes: Set<Int>, name: String? = nil
    ) async throws(SMTPError) -> SMTPReply {
        let name = name ?? line
        try await connection.write(Array(line.utf8) + [13, 10], command: name)
        return try check(await connection.reply(to: name), expecting: codes, command: name)
    }

    @discardableResult
    private func check(_ reply: SMTPReply, expecting codes: Set<Int>, command: String) throws(SMTPError) -> SMTPReply {
        guard codes.contains(reply.code) else {
            throw SMTPError(
                reply.isFailure ? .rejected : .unexpectedReply, command: command, code: reply.code, reply: reply.text)
        }
        return reply
    }
}
