/// A streaming reader of a gzip-compressed tar archive (a `.tar.gz` sdist) that admits only
/// what crates.io admits in uploaded tarballs.
///
/// Headers may be POSIX ustar, GNU (long names, `L`) or pax (`x` with `path` and `size`, `g`).
/// Every header's checksum is verified. Only regular files and directories are allowed: links,
/// devices, FIFOs, contiguous and sparse files (GNU `S` and pax `GNU.sparse.*`) are refused, as
/// are unsafe names (see ``TarMemberName``), a pax `size` that contradicts a non-zero ustar size,
/// data after the end-of-archive marker and truncated input. ``TarLimits`` bound the work.
///
/// Call ``nextEntry()`` until it returns `nil`; contents not read with ``readContents(limit:)``
/// are skipped. Nothing beyond one decompressed chunk is held in memory.
public final class TarGzipReader {
    private var stream: TarByteStream
    private let limits: TarLimits
    private var headerCount = 0
    private var entryCount = 0
    private var contentLeft = 0
    private var paddingLeft = 0
    private var finished = false

    /// Prepares to read the gzip-compressed tar archive in `source`.
    public init(source: any ArchiveSource, limits: TarLimits = TarLimits()) {
        let inflater = Inflater(
            source: source, range: 0..<source.count, format: .gzip, limit: limits.maxDecompressedBytes
        )
        stream = TarByteStream(inflater: inflater)
        self.limits = limits
    }

    /// The next file or directory, or `nil` after the end-of-archive marker and the end of the
    /// gzip stream (whose checksum and trailing padding are then verified).
    public func nextEntry() throws(ArchiveError) -> TarEntry? {
        guard !finished else { return nil }
        try stream.skip(contentLeft + paddingLeft)
        contentLeft = 0
        paddingLeft = 0
        var extended = ExtendedInfo()
        var entry: TarEntry?
        while entry == nil {
            let block = try stream.read(upTo: TarHeader.blockSize)
            guard block.count == TarHeader.blockSize else {
                throw ArchiveError("The tar archive is truncated.")
            }
            guard !block.withUnsafeBytes(TarByteStream.isZero) else {
                try finish(pending: extended)
                return nil
            }
            headerCount += 1
            let header = try TarHeader(block: block, index: headerCount)
            entry = try self.entry(for: header, extended: &extended)
        }
        return entry
    }

    /// The contents of the current file, which must be at most `limit` bytes.
    public func readContents(limit: Int) throws(ArchiveError) -> [UInt8] {
        guard contentLeft <= limit else {
            throw ArchiveError("A member is larger than the limit of \(limit) bytes.")
        }
        let contents = try stream.read(exactly: contentLeft)
        contentLeft = 0
        return contents
    }

    /// What `x` and `L` headers said about the member that follows them.
    private struct ExtendedInfo {
        var pax: TarPaxHeader?
        var longName: [UInt8]?
        var isEmpty: Bool { pax == nil && longName == nil }
    }

    private func finish(pending: ExtendedInfo) throws(ArchiveError) {
        guard pending.isEmpty else {
            throw ArchiveError("The tar archive ends after an extended header without its member.")
        }
        // One zero block ends the archive for every tar reader; only zeros may follow it.
        guard try stream.restIsZero() else {
            throw ArchiveError("The tar archive has data after its end-of-archive marker.")
        }
        finished = true
    }

    /// Reads the data of an extended header, bounded by the limit for such headers.
    private func extendedData(_ header: TarHeader) throws(ArchiveError) -> [UInt8] {
        guard header.size <= limits.maxExtendedHeaderBytes else {
            throw ArchiveError(
                "Tar header \(headerCount) has an extended header larger than \(limits.maxExtendedHeaderBytes) bytes."
            )
        }
        let data = try stream.read(exactly: header.size)
        try stream.skip(Self.padding(header.size))
        return data
    }

    private static func padding(_ size: Int) -> Int {
        (TarHeader.blockSize - size % TarHeader.blockSize) % TarHeader.blockSize
    }

    private func countMember() throws(ArchiveError) {
        entryCount += 1
        guard entryCount <= limits.maxEntries else {
            throw ArchiveError("The tar archive has more than \(limits.maxEntries) members.")
        }
    }

    static let sparseMessage =
        "tar archive not accepted: Sparse members are not allowed. See https://docs.pypi.org/archives for more information"

    /// Handles one header: records extended headers and returns the member a header describes.
    private func entry(for header: TarHeader, extended: inout ExtendedInfo) throws(ArchiveError) -> TarEntry? {
        switch header.typeFlag {
        case UInt8(ascii: "x"):
            guard extended.pax == nil else {
                throw ArchiveError("Tar header \(headerCount) is a second pax extended header for one member.")
            }
            let pax = try TarPaxHeader(extendedData(header), index: headerCount)
            guard !pax.isSparse else { throw ArchiveError(Self.sparseMessage) }
            extended.pax = pax
            return nil
        case UInt8(ascii: "g"):
            guard extended.isEmpty else {
                throw ArchiveError(
                    "Tar header \(headerCount) is a pax global header between an extended header and its member.")
            }
            try countMember()
            let pax = try TarPaxHeader(extendedData(header), index: headerCount)
            guard !pax.isSparse else { throw ArchiveError(Self.sparseMessage) }
            guard pax.path == nil, pax.size == nil else {
                throw ArchiveError("Tar header \(headerCount) is a pax global header that sets a path or size.")
            }
            return nil
        case UInt8(ascii: "L"):
            guard extended.longName == nil else {
                throw ArchiveError("Tar header \(headerCount) is a second GNU long name for one member.")
            }
            extended.longName = try extendedData(header).prefix { $0 != 0 }
            return nil
        case UInt8(ascii: "K"):
            throw ArchiveError("Tar header \(headerCount) is a GNU long link name; links are not allowed.")
        case UInt8(ascii: "S"):
            throw ArchiveError(Self.sparseMessage)
        default:
            return try member(header, extended: extended)
        }
    }

    /// The kinds of member that are refused, by type flag.
    private static let refusedKinds: [UInt8: String] = [
        UInt8(ascii: "1"): "a hard link",
        UInt8(ascii: "2"): "a symbolic link",
        UInt8(ascii: "3"): "a character device",
        UInt8(ascii: "4"): "a block device",
        UInt8(ascii: "6"): "a FIFO",
        UInt8(ascii: "7"): "a contiguous file",
    ]

    private func member(_ header: TarHeader, extended: ExtendedInfo) throws(ArchiveError) -> TarEntry {
        try countMember()
        let raw = extended.pax?.path ?? extended.longName ?? header.name
        let shown = "Member '\(String(decoding: raw, as: UTF8.self).debugDescription.dropFirst().dropLast())'"
        let flag = header.typeFlag
        let endsWithSlash = raw.last == UInt8(ascii: "/")
        let kind: TarEntry.Kind
        switch flag {
        case UInt8(ascii: "5"),
            0 where endsWithSlash:
            kind = .directory
        case UInt8(ascii: "0"), 0:
            kind = .file
        default:
            let what =
                Self.refusedKinds[flag]
                ?? "of unsupported type \(String(decoding: [flag], as: UTF8.self).debugDescription)"
            throw ArchiveError("\(shown) is \(what); only files and directories are allowed.")
        }
        var size = header.size
        if let paxSize = extended.pax?.size {
            guard size == 0 || size == paxSize else {
                throw ArchiveError("\(shown) has a pax size (\(paxSize)) that differs from its ustar size (\(size)).")
            }
            size = paxSize
        }
        guard kind == .file || size == 0 else {
            throw ArchiveError("\(shown) is a directory with contents.")
        }
        guard kind == .directory || !endsWithSlash else {
            throw ArchiveError("\(shown) is a file with a directory name.")
        }
        guard size <= limits.maxDecompressedBytes else {
            throw ArchiveError(
                "\(shown) is larger than the limit of \(limits.maxDecompressedBytes) decompressed bytes.")
        }
        let path = try TarMemberName.validate(raw, limit: limits.maxNameBytes)
        contentLeft = size
        paddingLeft = Self.padding(size)
        return TarEntry(path: path, kind: kind, size: size)
    }
}
