@testable import PythonPackaging

/// Reading helpers shared by the tar and sdist tests.
enum TarTestSupport {
    /// Every entry of `gzip` with the contents of its files.
    static func read(
        _ gzip: [UInt8], limits: TarLimits = TarLimits()
    ) throws(ArchiveError) -> [(TarEntry, [UInt8])] {
        let reader = TarGzipReader(source: InMemoryArchiveSource(gzip), limits: limits)
        var entries: [(TarEntry, [UInt8])] = []
        while let entry = try reader.nextEntry() {
            entries.append((entry, try reader.readContents(limit: .max)))
        }
        return entries
    }

    /// The reason `gzip` is refused, or `nil` when it is read to its end.
    static func refusal(_ gzip: [UInt8], limits: TarLimits = TarLimits()) -> String? {
        do {
            _ = try read(gzip, limits: limits)
            return nil
        } catch {
            return error.reason
        }
    }

    /// A small well-formed sdist of `name-version`.
    static func sdist(
        top: String = "demo-1.0",
        files: [(String, String)] = [("PKG-INFO", "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n")]
    ) -> TarTestWriter {
        var writer = TarTestWriter()
        writer.directory("\(top)/")
        for (path, contents) in files {
            writer.file("\(top)/\(path)", Array(contents.utf8))
        }
        return writer
    }
}
