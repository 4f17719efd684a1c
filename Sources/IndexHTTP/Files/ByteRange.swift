/// A single `Range: bytes=...` request (RFC 9110 §14), resolved against a blob's size.
enum ByteRange: Equatable, Sendable {
    /// No usable range: send everything (also for several ranges, which a server may ignore).
    case whole
    /// Send these bytes with 206.
    case partial(Range<Int>)
    /// No byte of the blob is in the range: 416.
    case unsatisfiable

    /// The range `header` asks of a blob of `size` bytes.
    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes=") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingWhitespace()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            // A suffix: the last N bytes.
            guard let count = Int(last), count >= 0 else {
                self = .whole
                return
            }
            self = count == 0 || size == 0 ? .unsatisfiable : .partial(max(0, size - count)..<size)
            return
        }
        guard let start = Int(first), start >= 0, last.isEmpty || Int(last) != nil else {
            self = .whole
            return
        }
        let end = last.isEmpty ? size - 1 : min(Int(last) ?? 0, size - 1)
        if let requestedEnd = Int(last), requestedEnd < start {
            self = .whole
            return
        }
        self = start >= size ? .unsatisfiable : .partial(start..<(end + 1))
    }
}
