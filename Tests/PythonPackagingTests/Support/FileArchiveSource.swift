import Foundation

@testable import PythonPackaging

/// An archive read from a file at given offsets, as the server reads an uploaded file.
final class FileArchiveSource: ArchiveSource {
    private let handle: FileHandle
    let count: Int

    init(path: String) throws {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        count = Int(try handle.seekToEnd())
    }

    deinit {
        try? handle.close()
    }

    func bytes(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8] {
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: length) ?? Data()
            guard data.count == length else { throw ArchiveError("The archive is truncated.") }
            return [UInt8](data)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError("The archive could not be read: \(error)")
        }
    }
}
