/// The records of a pax extended header (POSIX.1-2001 `pax` format) that matter to the reader.
///
/// Each record is `"<length> <key>=<value>\n"`, where the decimal length counts the whole
/// record. Other keys (times, owners, comments, extended attributes) are read and ignored.
struct TarPaxHeader {
    /// The `path` record: the member's full name.
    var path: [UInt8]?
    /// The `size` record: the member's size, overriding the ustar field.
    var size: Int?
    /// Whether any `GNU.sparse.*` record is present, which marks a sparse file.
    var isSparse = false

    /// Parses the contents of an `x` or `g` member; `index` numbers the header for messages.
    init(_ data: [UInt8], index: Int) throws(ArchiveError) {
        let malformed = ArchiveError("Tar header \(index) has a malformed pax extended header.")
        var position = 0
        while position < data.count {
            var length = 0
            var cursor = position
            while cursor < data.count, (0x30...0x39).contains(data[cursor]) {
                guard length <= data.count else { throw malformed }
                length = length * 10 + Int(data[cursor] - 0x30)
                cursor += 1
            }
            let end = position + length
            guard cursor > position, cursor < data.count, data[cursor] == 0x20, end <= data.count,
                end > cursor + 1, data[end - 1] == 0x0a
            else { throw malformed }
            let record = data[(cursor + 1)..<(end - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { throw malformed }
            let key = record[record.startIndex..<equals]
            let value = Array(record[(equals + 1)...])
            try apply(key: key, value: value, malformed: malformed)
            position = end
        }
    }

    private mutating func apply(
        key: ArraySlice<UInt8>, value: [UInt8], malformed: ArchiveError
    ) throws(ArchiveError) {
        if key.starts(with: "GNU.sparse.".utf8) {
            isSparse = true
        } else if key.elementsEqual("path".utf8) {
            guard path == nil else { throw malformed }
            path = value
        } else if key.elementsEqual("size".utf8) {
            guard size == nil, !value.isEmpty, value.count <= 18,
                value.allSatisfy({ (0x30...0x39).contains($0) })
            else { throw malformed }
            size = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }
}
