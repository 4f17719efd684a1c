import CZlib

/// gzip (RFC 1952) for cached bodies: a large page (`/simple/` lists every project) is
/// compressed once when it is cached and sent compressed to every client that accepts it.
enum Gzip {
    /// The smallest body worth a compressed copy.
    static let threshold = 16 << 10

    /// `bytes` gzip-compressed (level 6, or 1 above 4 MiB, where time matters more), or `nil`
    /// when zlib fails.
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        // Window bits 16 + 15: a gzip header and trailer around DEFLATE with a 32 KiB window.
        deflate(bytes, level: bytes.count > 4 << 20 ? 1 : 6, windowBits: 31, flush: Z_FINISH)
    }

    /// `bytes` through one zlib deflate stream made with `windowBits`, ended with `flush`
    /// (`Z_FINISH`: the whole stream; `Z_SYNC_FLUSH`: blocks ending on a byte boundary), or `nil`
    /// when zlib fails or leaves input behind.
    static func deflate(_ bytes: [UInt8], level: Int32, windowBits: Int32, flush: Int32) -> [UInt8]? {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        // deflateBound covers a finished stream; a sync flush's empty stored block is 5 more.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 16)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CZlib.deflate(&stream, flush)
            }
        }
        let ended = flush == Z_FINISH ? status == Z_STREAM_END : status == Z_OK && stream.avail_out > 0
        guard ended, stream.avail_in == 0 else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Whether an `Accept-Encoding` header value accepts gzip (`gzip` or `*`, without `q=0`).
    static func accepted(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingWhitespace().lowercased(), coding == "gzip" || coding == "*"
            else { continue }
            let refused = parts.dropFirst().contains { parameter in
                let text = parameter.trimmingWhitespace().lowercased().filter { $0 != " " }
                return text == "q=0" || text == "q=0.0" || text == "q=0.00" || text == "q=0.000"
            }
            if !refused { return true }
        }
        return false
    }
}
