#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Logging
import Synchronization

/// swift-log's output: one line per event on standard output, as logfmt (`time=... level=info
/// msg=request method=GET ...`) or as a JSON object, through the ``LineWriter``: request lines
/// are buffered (as nginx's `access_log ... buffer=`; ``LogFlushService`` flushes them), every other line goes out at once with
/// what was buffered before it.
struct LineLogHandler: LogHandler {
    enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Where lines go.
    let writer: LineWriter

    init(label: String, format: Format, level: Logger.Level, writer: LineWriter) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.writer = writer
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = event.metadata ?? [:]
        if !metadata.isEmpty { all.merge(metadata) { event, _ in event } }
        if let provided = metadataProvider?.get(), !provided.isEmpty { all.merge(provided) { event, _ in event } }
        if let error = event.error { all["error"] = "\(error)" }
        let line = Self.line(
            time: Self.now(), level: event.level, message: event.message.description, metadata: all, format: format)
        // Request lines may wait for the next flush; anything else is worth reading now.
        writer.write(line, buffered: event.level == .info && event.message.description == "request")
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
        let bare = !value.isEmpty && value.utf8.allSatisfy { $0 > 0x20 && $0 != 0x22 && $0 != 0x3D && $0 != 0x7F }
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
        // Most values (paths, ids, numbers) need no escape.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }) {
            return "\"" + string + "\""
        }
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
}

/// Lines to a file descriptor, each whole: buffered ones wait until 32 KiB are waiting or
/// ``flush()`` is called (``LogFlushService``: every quarter of a second), the others flush the
/// buffer and themselves at once. Every `write(2)` holds whole lines, so lines never interleave.
final class LineWriter: Sendable {
    private let descriptor: Int32
    private let buffer = Mutex<[UInt8]>([])
    static let limit = 32 << 10

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ line: String, buffered: Bool) {
        buffer.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            guard !buffered || buffer.count >= Self.limit else { return }
            // Written with the lock held, so batches go out in order.
            Self.write(buffer, to: descriptor)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what waits.
    func flush() {
        buffer.withLock { buffer in
            guard !buffer.isEmpty else { return }
            Self.write(buffer, to: descriptor)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
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
