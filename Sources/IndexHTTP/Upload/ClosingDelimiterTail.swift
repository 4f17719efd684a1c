/// The last bytes of a multipart body, to tell whether it ended with its closing delimiter
/// (`--boundary--`, then at most line breaks and spaces) or was cut short.
struct ClosingDelimiterTail {
    let delimiter: [UInt8]
    private var bytes: [UInt8] = []
    private let keep: Int

    init(delimiter: [UInt8]) {
        self.delimiter = delimiter
        keep = delimiter.count + 64
    }

    mutating func append(_ chunk: some Collection<UInt8>) {
        bytes.append(contentsOf: chunk.suffix(keep))
        if bytes.count > 2 * keep { bytes.removeFirst(bytes.count - keep) }
    }

    /// Whether the body seen so far ends with the closing delimiter.
    var endsWithDelimiter: Bool {
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x0D, 0x0A, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        return bytes[..<end].suffix(delimiter.count).elementsEqual(delimiter)
    }
}
