import IndexCore
import PythonPackaging

/// Random access to a staged file for archive validation, by `pread` on its own descriptor.
///
/// Reads are synchronous: the validators ask for small pieces (headers, directory entries,
/// compressed members) of a file just written, which the page cache holds, and they run as
/// CPU work on the caller's task anyway.
struct FileArchiveSource: ArchiveSource, Sendable {
    private let file: FileDescriptor

    /// The size of the file when the source was opened.
    let count: Int

    /// Reads from `file`, whose size is `count`.
    init(file: FileDescriptor, count: Int) {
        self.file = file
        self.count = count
    }

    func bytes(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= count - length else {
            throw ArchiveError("The archive is truncated.")
        }
        let bytes: [UInt8]
        do {
            bytes = try POSIXFiles.read(file, at: offset, count: length)
        } catch {
            throw ArchiveError("The archive could not be read.")
        }
        guard bytes.count == length else { throw ArchiveError("The archive is truncated.") }
        return bytes
    }
}
