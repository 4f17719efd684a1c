/// Decompressed bytes of a gzip stream, read forwards in exact amounts without holding more
/// than one decompressed chunk.
struct TarByteStream {
    private let inflater: Inflater
    private var chunk: [UInt8] = []
    private var position = 0

    init(inflater: Inflater) {
        self.inflater = inflater
    }

    /// Makes sure unread bytes are buffered; `false` at the end of the stream.
    private mutating func fill() throws(ArchiveError) -> Bool {
        while position == chunk.count {
            guard let next = try inflater.next() else { return false }
            chunk = next
            position = 0
        }
        return true
    }

    /// Reads exactly `count` bytes, or fewer when the stream ends first.
    mutating func read(upTo count: Int) throws(ArchiveError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(count, 1 << 16))
        while bytes.count < count, try fill() {
            let taken = min(count - bytes.count, chunk.count - position)
            bytes.append(contentsOf: chunk[position..<(position + taken)])
            position += taken
        }
        return bytes
    }

    /// Reads exactly `count` bytes; a shorter stream is truncated.
    mutating func read(exactly count: Int) throws(ArchiveError) -> [UInt8] {
        let bytes = try read(upTo: count)
        guard bytes.count == count else { throw ArchiveError("The tar archive is truncated.") }
        return bytes
    }

    /// Skips exactly `count` bytes; a shorter stream is truncated.
    mutating func skip(_ count: Int) throws(ArchiveError) {
        var left = count
        while left > 0 {
            guard try fill() else { throw ArchiveError("The tar archive is truncated.") }
            let taken = min(left, chunk.count - position)
            position += taken
            left -= taken
        }
    }

    /// Whether everything left in the stream is zero bytes; reads to its end.
    mutating func restIsZero() throws(ArchiveError) -> Bool {
        while try fill() {
            let start = position
            guard chunk.withUnsafeBytes({ Self.isZero(UnsafeRawBufferPointer(rebasing: $0[start...])) }) else {
                return false
            }
            position = chunk.count
        }
        return true
    }

    /// Whether every byte of `bytes` is zero, checked eight bytes at a time.
    static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var combined: UInt64 = 0
        let words = bytes.count / 8
        for index in 0..<words {
            combined |= bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        }
        for index in (words * 8)..<bytes.count {
            combined |= UInt64(bytes[index])
        }
        return combined == 0
    }
}
