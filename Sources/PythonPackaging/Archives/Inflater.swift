import CZlib

/// Bounded decompression of DEFLATE data (ZIP members) and gzip streams (sdists) with zlib.
///
/// It reads compressed bytes from an ``ArchiveSource`` in chunks and hands back decompressed
/// chunks, so neither side is ever held whole in memory. More output than `limit` bytes is an
/// error, which is what stops decompression bombs.
public final class Inflater {
    /// The framing around the DEFLATE data.
    public enum Format: Sendable {
        /// Raw DEFLATE, as stored in a ZIP member (RFC 1951).
        case deflate
        /// A gzip member (RFC 1952); bytes after it must be zero padding.
        case gzip
    }

    private static let inputChunk = 64 * 1024
    private static let outputChunk = 64 * 1024

    private let stream: UnsafeMutablePointer<z_stream>
    private let source: any ArchiveSource
    private let format: Format
    private let limit: Int
    private var offset: Int
    private let end: Int
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var finished = false

    /// The number of decompressed bytes produced so far.
    public private(set) var producedCount = 0

    /// The number of compressed bytes consumed so far.
    public var consumedCount: Int { offset - (input.count - inputPosition) - start }
    private let start: Int

    /// Prepares to inflate the bytes `range` of `source`, producing at most `limit` bytes.
    public init(source: any ArchiveSource, range: Range<Int>, format: Format, limit: Int) {
        self.source = source
        self.format = format
        self.limit = limit
        self.offset = range.lowerBound
        self.start = range.lowerBound
        self.end = range.upperBound
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Window bits: negative means raw DEFLATE; 16 + 15 means a gzip header and trailer.
        let windowBits: Int32 = format == .deflate ? -15 : 31
        let status = inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // zlib only fails here when memory runs out or the library does not match its header.
        precondition(status == Z_OK)
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The next chunk of decompressed bytes, or `nil` once the compressed stream has ended.
    public func next() throws(ArchiveError) -> [UInt8]? {
        guard !finished else { return nil }
        var output = [UInt8](repeating: 0, count: Self.outputChunk)
        var produced = 0
        while produced == 0 && !finished {
            if inputPosition == input.count {
                guard offset < end else { throw ArchiveError("The compressed data is truncated.") }
                let length = min(Self.inputChunk, end - offset)
                input = try source.bytes(at: offset, length: length)
                offset += length
                inputPosition = 0
            }
            let (status, consumed, written) = inflateStep(into: &output)
            inputPosition += consumed
            produced += written
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                finished = true
                try checkTrailer()
            default:
                throw ArchiveError("The compressed data is corrupt.")
            }
        }
        producedCount += produced
        guard producedCount <= limit else {
            throw ArchiveError("The decompressed data exceeds the limit of \(limit) bytes.")
        }
        output.removeLast(Self.outputChunk - produced)
        return output
    }

    /// Inflates everything that is left into one array.
    public func readAll() throws(ArchiveError) -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try next() {
            all.append(contentsOf: chunk)
        }
        return all
    }

    private func inflateStep(into output: inout [UInt8]) -> (status: Int32, consumed: Int, written: Int) {
        let available = input.count - inputPosition
        let position = inputPosition
        return input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.next_in = inputBuffer.baseAddress.map { $0 + position }
                stream.pointee.avail_in = UInt32(available)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = UInt32(outputBuffer.count)
                let status = inflate(stream, Z_NO_FLUSH)
                let consumed = available - Int(stream.pointee.avail_in)
                let written = outputBuffer.count - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return (status, consumed, written)
            }
        }
    }

    /// After a gzip member only zero padding may follow; a DEFLATE member ends where it ends.
    private func checkTrailer() throws(ArchiveError) {
        guard format == .gzip else { return }
        var rest = Array(input[inputPosition...])
        var position = offset
        while position < end {
            let length = min(Self.inputChunk, end - position)
            rest += try source.bytes(at: position, length: length)
            position += length
            guard rest.allSatisfy({ $0 == 0 }) else { break }
            rest.removeAll(keepingCapacity: true)
        }
        guard rest.allSatisfy({ $0 == 0 }) else {
            throw ArchiveError("There is data after the end of the gzip stream.")
        }
    }
}
