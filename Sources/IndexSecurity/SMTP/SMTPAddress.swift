/// A mailbox as given to ``SMTPMailer``: a bare address, or `Display Name <address>`.
struct SMTPAddress: Sendable, Hashable {
    /// The display name, when given.
    var displayName: String?
    /// The address (`local@domain`) used in the envelope.
    var address: String

    /// Parses `text`, refusing CR/LF (header injection) and addresses without exactly one `@`,
    /// with an empty side, or with white space, control characters, angle brackets or non-ASCII
    /// characters (SMTPUTF8 is not used).
    init(parsing text: String) throws(SMTPError) {
        guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw SMTPError(.headerInjection, reply: "line break in address")
        }
        var candidate = Substring(text)
        var name: String?
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            candidate = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let prefix = text[..<open].trimmingSpaces()
            name = prefix.isEmpty ? nil : prefix
        }
        let parts = candidate.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = candidate.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && scalar != "<" && scalar != ">"
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, allowed else {
            throw SMTPError(.invalidAddress, reply: "not a mailbox: \(text)")
        }
        self.displayName = name
        self.address = String(candidate)
    }

    /// The domain part of the address.
    var domain: Substring { address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...] }

    /// The header form: the address, or the display name (encoded when not ASCII) and `<address>`.
    var headerValue: String {
        guard let displayName else { return address }
        return "\(SMTPHeaderEncoding.phrase(displayName)) <\(address)>"
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
