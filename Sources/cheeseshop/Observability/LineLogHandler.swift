#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Logging

/// swift-log's output: one line per event on standard output, as logfmt (`time=... level=info
/// msg=request method=GET ...`) or as a JSON object. Each line goes out in one `write(2)`, so
/// lines from many threads never interleave.
struct LineLogHandler: LogHandler {
    enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Where lines go: standard output.
    var descriptor: Int32 = 1

    init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        if let error = event.error { all["error"] = "\(error)" }
        let line = Self.line(
            time: Self.now(), level: event.level, message: event.message.description, metadata: all, format: format)
        Self.write(line, to: descriptor)
    }

    /// The line of one event (with its newline).
    static func line(
        time: String, level: Logger.Level, message: String, metadata: Logger.Metadata, format: Format
    ) -> String {
        let keys = metadata.keys.sorted()
        switch format {
        case .text:
            var line = "time=\(time) level=\(level.rawValue) msg=\(logfmt(message))"
            for key in keys { line += " \(key)=\(logfmt(text(metadata[key]!)))" }
            return line + "\n"
        case .json:
            var line = "{\"time\":\(json(time)),\"level\":\(json(level.rawValue)),\"msg\":\(json(message))"
            for key in keys { line += ",\(json(key)):\(json(metadata[key]!))" }
            return line + "}\n"
        }
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(text).joined(separator: ",") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { "\($0):\(text(values[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// A logfmt value: bare when it has no space, quote, `=` or control character, else quoted.
    static func logfmt(_ value: String) -> String {
        let bare = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0.value != 0x7F }
        return bare ? value : json(value)
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): json(string)
        case .stringConvertible(let convertible):
            (convertible is Int || convertible is Int64 || convertible is Double) ? convertible.description : json(convertible.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { "\(json($0)):\(json(values[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func json(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Now in UTC, e.g. `2026-12-07T06:45:11.123Z`.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(spec.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }

    static func write(_ line: String, to descriptor: Int32) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
