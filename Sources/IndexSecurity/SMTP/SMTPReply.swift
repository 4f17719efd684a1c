import NIOCore

/// A server reply (RFC 5321 §4.2): a three-digit code and one or more text lines.
struct SMTPReply: Sendable, Hashable {
    /// The reply code, e.g. 250.
    var code: Int
    /// The text of each line, after the code and separator.
    var lines: [String]

    /// The lines joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    /// Whether the code is 4xx or 5xx.
    var isFailure: Bool { code >= 400 }
}

/// Frames CRLF-terminated reply lines into ``SMTPReply`` values, joining `250-` continuation
/// lines; lines over ``maximumLineLength`` bytes, bad codes and mixed codes are errors.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// The longest reply line accepted, without its line ending.
    static let maximumLineLength = 2048
    /// The most lines one reply may have.
    static let maximumLineCount = 256

    private var pending: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            guard buffer.readableBytes <= Self.maximumLineLength + 1 else {
                throw SMTPError(.lineTooLong, reply: "reply line over \(Self.maximumLineLength) bytes")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        guard line.utf8.count <= Self.maximumLineLength else {
            throw SMTPError(.lineTooLong, reply: "reply line over \(Self.maximumLineLength) bytes")
        }
        if let reply = try accept(line) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Adds one line; returns the reply when it was the last line.
    private mutating func accept(_ line: String) throws -> SMTPReply? {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0...2].allSatisfy({ (48...57).contains($0) }),
            (50...53).contains(utf8[0]), let code = Int(String(decoding: utf8[0...2], as: UTF8.self)),
            utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-"),
            pendingCode == nil || pendingCode == code
        else {
            throw SMTPError(.malformedReply, reply: String(line.prefix(200)))
        }
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        pending.append(text)
        if utf8.count > 3, utf8[3] == UInt8(ascii: "-") {
            guard pending.count < Self.maximumLineCount else {
                throw SMTPError(.malformedReply, reply: "reply over \(Self.maximumLineCount) lines")
            }
            pendingCode = code
            return nil
        }
        defer {
            pending = []
            pendingCode = nil
        }
        return SMTPReply(code: code, lines: pending)
    }
}
