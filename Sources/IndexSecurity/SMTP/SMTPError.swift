/// Why a message was not delivered: the kind, the SMTP command in flight and the server's reply.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure (a struct so new kinds don't break callers).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidAddress, headerInjection, invalidURL, insecureCredentials
            case rejected, unexpectedReply, startTLSNotOffered, authenticationNotOffered
            case timedOut, connectionClosed, connectionFailed, malformedReply, lineTooLong
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An address without exactly one `@`, or with characters not allowed in an address.
        public static let invalidAddress = Kind(.invalidAddress)
        /// CR or LF in an address or the subject.
        public static let headerInjection = Kind(.headerInjection)
        /// An `smtp://`, `smtp+starttls://` or `smtps://` URL that could not be parsed.
        public static let invalidURL = Kind(.invalidURL)
        /// Credentials configured for an unencrypted connection to a non-loopback host.
        public static let insecureCredentials = Kind(.insecureCredentials)
        /// A 4xx or 5xx reply.
        public static let rejected = Kind(.rejected)
        /// A reply code other than the one the command expects.
        public static let unexpectedReply = Kind(.unexpectedReply)
        /// `.startTLS` configured but the server's `EHLO` reply lacks `STARTTLS`.
        public static let startTLSNotOffered = Kind(.startTLSNotOffered)
        /// Credentials configured but neither `AUTH PLAIN` nor `AUTH LOGIN` offered.
        public static let authenticationNotOffered = Kind(.authenticationNotOffered)
        /// The exchange took longer than the configured timeout.
        public static let timedOut = Kind(.timedOut)
        /// The server closed the connection before `QUIT` was answered.
        public static let connectionClosed = Kind(.connectionClosed)
        /// Connecting, or the TLS handshake, failed.
        public static let connectionFailed = Kind(.connectionFailed)
        /// A reply that is not `code[ -]text` lines with one code.
        public static let malformedReply = Kind(.malformedReply)
        /// A reply line longer than the limit (2 KB).
        public static let lineTooLong = Kind(.lineTooLong)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var kind: Kind
    /// The command in flight (`RCPT TO`, `DATA`, the greeting as `CONNECT`), without credentials.
    public var command: String?
    /// The server's reply code, when there was a reply.
    public var code: Int?
    /// The server's reply text (lines joined by newlines), or a description of the local failure.
    public var reply: String

    /// An error of `kind` during `command`.
    public init(_ kind: Kind, command: String? = nil, code: Int? = nil, reply: String = "") {
        self.kind = kind
        self.command = command
        self.code = code
        self.reply = reply
    }

    public var description: String {
        var text = "SMTP \(kind)"
        if let command { text += " during \(command)" }
        if let code { text += ": \(code)" }
        if !reply.isEmpty { text += (code == nil ? ": " : " ") + reply }
        return text
    }
}
