import Crypto

extension WheelArchive {
    /// The hash algorithms a `RECORD` may use: `hashlib.algorithms_guaranteed` minus MD5 and SHA-1
    /// (binary distribution format, "The .dist-info directory"), those that swift-crypto has.
    static let recordHashAlgorithms: Set<String> = ["sha256", "sha384", "sha512"]

    /// Checks `RECORD` against the members: each file (not directory) except `RECORD` and its
    /// signatures `RECORD.jws`/`RECORD.p7s` is listed once, each listed path exists, and each
    /// listed size and hash matches the member's data.
    func validateRecord() throws(WheelError) {
        let path = "\(distInfoDirectory)/RECORD"
        guard let entry = archive.entry(named: path), !entry.isDirectory else {
            throw WheelError("Wheel '\(filename)' does not contain the required RECORD file: \(path)")
        }
        let record: WheelRecord
        do throws(WheelError) {
            record = try WheelRecord(parsing: Self.read(entry, in: archive))
        } catch {
            throw WheelError("Wheel '\(filename)' has an invalid RECORD file: \(error.message)")
        }
        let exempt: Set<String> = [path, "\(path).jws", "\(path).p7s"]
        var listed: Set<String> = []
        for row in record.rows {
            guard listed.insert(row.path).inserted else { throw mismatch("'\(row.path)' is listed more than once") }
            guard row.path != path else { continue }
            guard let member = archive.entry(named: row.path), !member.isDirectory else {
                throw mismatch("'\(row.path)' is listed but is not in the wheel")
            }
            try check(row, against: member)
        }
        for member in archive.entries where !member.isDirectory && !exempt.contains(member.name) {
            guard listed.contains(member.name) else { throw mismatch("'\(member.name)' is not listed") }
        }
    }

    private func mismatch(_ detail: String) -> WheelError {
        WheelError("Wheel '\(filename)' has a RECORD file that does not match its contents: \(detail)")
    }

    private func check(_ row: WheelRecord.Row, against member: ZipEntry) throws(WheelError) {
        if let size = row.size, size != member.uncompressedSize {
            throw mismatch("'\(row.path)' is \(member.uncompressedSize) bytes, not \(size)")
        }
        guard let algorithm = row.hashAlgorithm, let digest = row.hashDigest else { return }
        guard Self.recordHashAlgorithms.contains(algorithm) else {
            throw mismatch("'\(row.path)' uses the unsupported hash algorithm '\(algorithm)'")
        }
        var hasher = RecordHasher(algorithm: algorithm)
        let reader = archive.reader(for: member)
        do throws(ArchiveError) {
            while let chunk = try reader.next() {
                hasher.update(chunk)
            }
        } catch {
            throw WheelError(error)
        }
        guard hasher.finalize() == digest else {
            throw mismatch("the \(algorithm) hash of '\(row.path)' does not match")
        }
    }
}

/// One of the `RECORD` hash functions, giving the urlsafe base64 digest without padding.
private struct RecordHasher {
    private var sha256 = SHA256()
    private var sha384 = SHA384()
    private var sha512 = SHA512()
    private let algorithm: String

    init(algorithm: String) {
        self.algorithm = algorithm
    }

    mutating func update(_ bytes: [UInt8]) {
        switch algorithm {
        case "sha256": sha256.update(data: bytes)
        case "sha384": sha384.update(data: bytes)
        default: sha512.update(data: bytes)
        }
    }

    func finalize() -> String {
        switch algorithm {
        case "sha256": Self.base64URL(Array(sha256.finalize()))
        case "sha384": Self.base64URL(Array(sha384.finalize()))
        default: Self.base64URL(Array(sha512.finalize()))
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// RFC 4648 section 5 encoding without `=` padding, as the wheel format writes digests.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for position in 0...chunk.count {
                output.append(alphabet[(value >> (18 - 6 * position)) & 0x3F])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
