import IndexCore

/// A ``StaticExport`` into a directory, for nginx (or any web server) to serve: every file is
/// written under a temporary name beside its place and renamed into it, so the server never
/// sends half a page. Files are readable by all (0644 less the umask): the web server's user is
/// not the exporter's.
public struct DirectoryExportTarget: ExportTarget {
    /// The export's directory.
    public let root: String
    private let io = BlockingIO(label: "cheeseshop.export")

    /// A target writing below `root`, created when missing.
    public init(root: String) throws {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
        let components = root.split(separator: "/").map(String.init)
        _ = try POSIXFiles.makeDirectories(in: root.hasPrefix("/") ? "" : ".", components)
    }

    public func write(_ bytes: [UInt8], to path: String, contentType: String) async throws {
        let stream = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(bytes)
            continuation.finish()
        }
        try await write(stream, size: bytes.count, to: path, contentType: contentType)
    }

    public func write(
        _ stream: AsyncThrowingStream<[UInt8], any Error>, size: Int, to path: String, contentType: String
    ) async throws {
        let (directory, name) = try split(path)
        let temporary = "\(directory)/.\(name).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let parents = try components(of: path).dropLast()
        let file = try await io.run { [root] () throws(BlobStoreError) -> FileDescriptor in
            _ = try POSIXFiles.makeDirectories(in: root, parents)
            guard let file = try POSIXFiles.createExclusive(temporary, mode: 0o644) else {
                throw BlobStoreError("\(temporary) exists.")
            }
            return file
        }
        do {
            var written = 0
            for try await chunk in stream {
                written += chunk.count
                try await io.run { () throws(BlobStoreError) in try POSIXFiles.writeAll(file, chunk) }
            }
            guard written == size else {
                throw BlobStoreError("\(path): \(written) bytes were read where \(size) were expected.")
            }
            try await io.run { () throws(BlobStoreError) in
                try POSIXFiles.moveReplacing(temporary, to: "\(directory)/\(name)")
            }
        } catch {
            _ = try? await io.run { () throws(BlobStoreError) in try POSIXFiles.remove(temporary) }
            throw error
        }
    }

    public func exists(_ path: String) async throws -> Bool {
        let full = try full(path)
        return try await io.run { () throws(BlobStoreError) -> Bool in
            try POSIXFiles.openForReading(full) != nil
        }
    }

    public func read(_ path: String) async throws -> [UInt8]? {
        let full = try full(path)
        return try await io.run { () throws(BlobStoreError) -> [UInt8]? in
            guard let file = try POSIXFiles.openForReading(full) else { return nil }
            return try POSIXFiles.read(file, at: 0, count: try POSIXFiles.size(of: file))
        }
    }

    public func remove(_ path: String) async throws {
        let full = try full(path)
        try await io.run { () throws(BlobStoreError) in _ = try POSIXFiles.remove(full) }
    }

    /// The path's directories and name, refusing anything that could leave the root.
    private func components(of path: String) throws(BlobStoreError) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty,
            !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") })
        else { throw BlobStoreError("\(path) is not a path inside the export.") }
        return parts
    }

    private func full(_ path: String) throws(BlobStoreError) -> String {
        "\(root)/" + (try components(of: path)).joined(separator: "/")
    }

    private func split(_ path: String) throws(BlobStoreError) -> (directory: String, name: String) {
        let parts = try components(of: path)
        return ((["\(root)"] + parts.dropLast()).joined(separator: "/"), parts.last!)
    }
}
