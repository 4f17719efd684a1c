import CZlib
import NIOCore

extension Gzip {
    /// One piece of a body compressed on its own, to be joined with the others into one gzip
    /// stream (``Gzip/stream(_:)``) without compressing the whole body again: raw DEFLATE blocks
    /// ending on a byte boundary (a sync flush, not the final block), with the CRC-32 and length
    /// of the bytes it stands for. A body kept in parts (`/simple/` of a large index) changes one
    /// part at a time: only that part is compressed again.
    struct Part: Sendable {
        /// The part as it is, for clients that do not accept gzip.
        let plain: ByteBuffer
        /// Its DEFLATE blocks.
        let deflated: ByteBuffer
        let crc: UInt32

        /// `bytes` compressed at `level` (stored as they are if zlib fails).
        init(_ bytes: [UInt8], level: Int32 = 6) {
            self.plain = ByteBuffer(bytes: bytes)
            self.deflated = ByteBuffer(bytes: Gzip.deflateBlocks(bytes, level: level) ?? Gzip.storedBlocks(bytes))
            self.crc = Gzip.crc32(bytes)
        }

        /// `plain` with its DEFLATE blocks `deflated`, made elsewhere.
        init(plain: [UInt8], deflated: [UInt8]) {
            self.plain = ByteBuffer(bytes: plain)
            self.deflated = ByteBuffer(bytes: deflated)
            self.crc = Gzip.crc32(plain)
        }

        var count: Int { plain.readableBytes }
    }

    /// The gzip member header (RFC 1952 §2.3): no name, no time, unknown OS.
    static let memberHeader: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]

    /// The last, empty DEFLATE block (fixed Huffman codes, `BFINAL` set): 3 header bits and the
    /// 7-bit end-of-block code.
    static let finalBlock: [UInt8] = [0x03, 0x00]

    /// The gzip trailer after `parts`: the final block, the CRC-32 of all their bytes and their
    /// length modulo 2^32, little-endian.
    static func trailer(after parts: [Part]) -> [UInt8] {
        var crc: UInt = 0
        var size: UInt64 = 0
        for part in parts {
            crc = crc32_combine(crc, UInt(part.crc), off_t(part.count))
            size += UInt64(part.count)
        }
        var bytes = finalBlock
        for value in [UInt32(truncatingIfNeeded: crc), UInt32(truncatingIfNeeded: size)] {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return bytes
    }

    /// The DEFLATE blocks of `bytes` on their own (raw, window bits -15), ended by a sync flush
    /// so that the next part starts on a byte boundary.
    static func deflateBlocks(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
        deflate(bytes, level: level, windowBits: -15, flush: Z_SYNC_FLUSH)
    }

    /// `bytes` in stored (uncompressed) DEFLATE blocks of at most 65,535 bytes (RFC 1951 §3.2.4).
    static func storedBlocks(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let count = min(65_535, bytes.count - start)
            let length = UInt16(count)
            output += [0, UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
            output += bytes[start..<start + count]
            start += count
        } while start < bytes.count
        return output
    }

    /// The CRC-32 of `bytes` (the one gzip's trailer carries).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: CZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
