import CZlib

/// gzip compression for tests, including streams that repeat a unit many times cheaply.
enum TarTestGzip {
    /// `data` as one gzip member.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        repeating(prefix: data, unit: [], count: 0, suffix: [])
    }

    /// A gzip member of `prefix`, then `unit` `count` times, then `suffix`, without ever building
    /// the decompressed bytes: `unit` is compressed once after a full flush (which makes its
    /// compressed form independent of what came before) and that form is repeated.
    static func repeating(prefix: [UInt8], unit: [UInt8], count: Int, suffix: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(
            &stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        let head = deflate(&stream, prefix, flush: Z_FULL_FLUSH)
        let body = deflate(&stream, unit, flush: Z_FULL_FLUSH)
        let tail = deflate(&stream, suffix, flush: Z_FINISH)
        var output: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        output += head
        output.reserveCapacity(output.count + body.count * count + tail.count + 8)
        for _ in 0..<count { output += body }
        output += tail
        var crc = checksum(prefix)
        crc = crc32_combine(crc, repeatedChecksum(unit, count: count), off_t(unit.count * count))
        crc = crc32_combine(crc, checksum(suffix), off_t(suffix.count))
        let size = UInt32(truncatingIfNeeded: prefix.count + unit.count * count + suffix.count)
        for value in [UInt32(crc), size] {
            for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return output
    }

    private static func checksum(_ data: [UInt8]) -> UInt {
        data.withUnsafeBufferPointer { UInt(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// The CRC-32 of `data` repeated `count` times, by doubling.
    private static func repeatedChecksum(_ data: [UInt8], count: Int) -> UInt {
        var result: UInt = 0
        var power = checksum(data)
        var powerLength = data.count
        var left = count
        while left > 0 {
            if left & 1 == 1 {
                result = crc32_combine(result, power, off_t(powerLength))
            }
            power = crc32_combine(power, power, off_t(powerLength))
            powerLength *= 2
            left >>= 1
        }
        return result
    }

    private static func deflate(_ stream: inout z_stream, _ input: [UInt8], flush: Int32) -> [UInt8] {
        var input = input
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                let written = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    _ = CZlib.deflate(&stream, flush)
                    return chunkBuffer.count - Int(stream.avail_out)
                }
                output += chunk[0..<written]
            } while stream.avail_out == 0 || stream.avail_in > 0
        }
        return output
    }
}
