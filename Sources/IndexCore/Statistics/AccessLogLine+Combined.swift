extension AccessLogLine {
    /// Reads a line in the combined log format, nginx's `combined` and varnishncsa's default:
    /// `%h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-agent}i"`, e.g.
    /// `127.0.0.1 - - [07/Dec/2026:13:10:54 +0000] "GET /packages/x-1.0.tar.gz HTTP/1.1" 200 1234 "-" "pip/24.0"`.
    ///
    /// Quoted fields are unescaped as both servers write them: nginx's `\x22` (any `\xHH`) and
    /// varnishncsa's and Apache's `\"` and `\\`. The size may be `-`; fields appended after the
    /// User-Agent (custom formats) are ignored, and a line that ends after the size (the common
    /// log format) has an empty User-Agent. Anything else returns `nil`.
    public static func parseCombined(_ line: Substring) -> AccessLogLine? {
        guard line.utf8.count <= maximumLength else { return nil }
        var cursor = Array(line.utf8)[...].droppingTrailingWhitespace()
        // %h %l %u [%t]: the host, then whatever up to the bracket (ident and user may be odd).
        let host = cursor.firstWord().word
        guard !host.isEmpty, let open = cursor.firstIndex(of: UInt8(ascii: "[")), open > host.endIndex,
            let close = cursor[open...].firstIndex(of: UInt8(ascii: "]")),
            let time = LogTime.commonLogFormat(cursor[(open + 1)..<close])
        else { return nil }
        cursor = cursor[(close + 1)...]
        // "%r" %>s %b
        guard let (rawRequest, afterRequest) = quotedField(afterSpaces: cursor),
            let (method, path) = request(unescaped(rawRequest))
        else { return nil }
        let (statusWord, afterStatus) = afterRequest.droppingLeadingWhitespace().firstWord()
        let (sizeWord, afterSize) = afterStatus.droppingLeadingWhitespace().firstWord()
        guard statusWord.count == 3, let status = statusWord.decimalValue,
            sizeWord.equalsASCII("-") || (!sizeWord.isEmpty && sizeWord.isAllASCIIDigits)
        else { return nil }
        // "%{Referer}i" "%{User-agent}i", then anything.
        var userAgent = ""
        if !afterSize.isEmpty {
            guard let (_, afterReferer) = quotedField(afterSpaces: afterSize) else { return nil }
            if !afterReferer.isEmpty {
                guard let (rawUserAgent, _) = quotedField(afterSpaces: afterReferer) else { return nil }
                userAgent = unescaped(rawUserAgent)
            }
        }
        return AccessLogLine(time: time, method: method, path: path, status: status, userAgent: userAgent)
    }

    /// The method and path of a request line (`GET /simple/ HTTP/1.1`; the protocol may be
    /// missing, as in HTTP/0.9), or `nil` for a line that is not a request.
    private static func request(_ line: String) -> (method: String, path: String)? {
        let bytes = Array(line.utf8)[...]
        let (method, afterMethod) = bytes.firstWord()
        let (target, afterTarget) = afterMethod.droppingLeadingWhitespace().firstWord()
        let version = afterTarget.droppingLeadingWhitespace()
        guard (1...20).contains(method.count),
            method.allSatisfy({ (0x61...0x7A).contains($0.asciiLowercased) || $0 == UInt8(ascii: "-") }),
            version.isEmpty || (version.hasASCIIPrefix("HTTP/") && version.hasNoWhitespace),
            let path = path(ofTarget: target)
        else { return nil }
        return (method.decodedString, path)
    }

    /// The raw bytes of the quoted field that starts after optional spaces, and what follows
    /// its closing quote; `nil` when there is no opening or closing quote. A backslash escapes
    /// the byte after it.
    private static func quotedField(
        afterSpaces text: ArraySlice<UInt8>
    ) -> (raw: ArraySlice<UInt8>, rest: ArraySlice<UInt8>)? {
        let field = text.droppingLeadingWhitespace()
        guard field.first == UInt8(ascii: "\"") else { return nil }
        var index = field.startIndex + 1
        while index < field.endIndex {
            switch field[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return (field[(field.startIndex + 1)..<index], field[(index + 1)...])
            default: index += 1
            }
        }
        return nil
    }

    /// A quoted field's text with `\xHH`, `\"` and `\\` decoded (other escapes kept as written;
    /// bytes that are not UTF-8 become U+FFFD).
    static func unescaped(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return raw.decodedString }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            if escaped == UInt8(ascii: "x"), index + 3 < raw.endIndex, let high = JSONCursor.hexDigit(raw[index + 2]),
                let low = JSONCursor.hexDigit(raw[index + 3])
            {
                output.append(high << 4 | low)
                index += 4
            } else if escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") {
                output.append(escaped)
                index += 2
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
