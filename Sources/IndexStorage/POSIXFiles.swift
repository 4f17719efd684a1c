import IndexCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The blocking POSIX calls the file-system store is made of, with `EINTR` retried and `errno`
/// turned into ``BlobStoreError``. Call them through ``BlockingIO`` from async code.
enum POSIXFiles {
    /// Creates `path` for writing; it must not exist (`O_EXCL`); mode `mode` (0600 unless told,
    /// less the umask). Returns `nil` when the name is taken.
    static func createExclusive(_ path: String, mode: mode_t = 0o600) throws(BlobStoreError) -> FileDescriptor? {
        let raw = retryingInterrupts { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode) }
        if raw < 0 {
            if errno == EEXIST { return nil }
            throw .system("create a staged file", errno)
        }
        return FileDescriptor(raw)
    }

    /// Gives the file at `source` the name `target`, replacing any file of that name at once.
    static func moveReplacing(_ source: String, to target: String) throws(BlobStoreError) {
        guard rename(source, target) == 0 else { throw .system("rename a file into place", errno) }
    }

    /// Opens the regular file at `path` for reading, or returns `nil` when there is none (a
    /// directory, a symbolic link or a device is not one; `O_NONBLOCK` keeps a FIFO from
    /// hanging the open).
    static func openForReading(_ path: String) throws(BlobStoreError) -> FileDescriptor? {
        let raw = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        if raw < 0 {
            if errno == ENOENT || errno == ENOTDIR || errno == ELOOP { return nil }
            throw .system("open a blob", errno)
        }
        let file = FileDescriptor(raw)
        return try isRegularFile(file) ? file : nil
    }

    /// The size of the open file `file`.
    static func size(of file: FileDescriptor) throws(BlobStoreError) -> Int {
        var status = stat()
        guard fstat(file.raw, &status) == 0 else { throw .system("read a file's size", errno) }
        return Int(status.st_size)
    }

    /// Writes all of `bytes` to `file` at its current offset.
    static func writeAll(_ file: FileDescriptor, _ bytes: [UInt8]) throws(BlobStoreError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = write(file.raw, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += result
            }
        }
        if failure != 0 { throw .system("write a staged file", failure) }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    static func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(BlobStoreError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < count {
                let result = pread(
                    file.raw, buffer.baseAddress.map { $0 + initialized }, count - initialized,
                    off_t(offset + initialized))
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if result == 0 { return }
                initialized += result
            }
        }
        if failure != 0 { throw .system("read a file", failure) }
        return bytes
    }

    /// Flushes `file` to stable storage.
    static func sync(_ file: FileDescriptor) throws(BlobStoreError) {
        guard retryingInterrupts({ fsync(file.raw) }) == 0 else { throw .system("flush a file to disk", errno) }
    }

    /// Flushes the entries of the directory at `path` (new or removed names) to stable storage.
    static func syncDirectory(_ path: String) throws(BlobStoreError) {
        let raw = retryingInterrupts { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard raw >= 0 else { throw .system("open a directory", errno) }
        try sync(FileDescriptor(raw))
    }

    /// Creates each missing directory of `components` below the existing directory `base`,
    /// flushing each parent that gained an entry; returns the deepest path.
    static func makeDirectories(in base: String, _ components: some Sequence<String>) throws(BlobStoreError) -> String {
        let (path, grown) = try createDirectories(in: base, components)
        for directory in grown.reversed() { try syncDirectory(directory) }
        return path
    }

    /// Creates each missing directory of `components` below the existing directory `base`
    /// without flushing; returns the deepest path and the directories that gained an entry (the
    /// new directories' parents, shallowest first), for the caller to flush.
    static func createDirectories(in base: String, _ components: some Sequence<String>) throws(BlobStoreError)
        -> (path: String, grown: [String])
    {
        var path = base
        var grown: [String] = []
        for component in components {
            let parent = path
            path += "/" + component
            if mkdir(path, 0o755) == 0 {
                grown.append(parent)
            } else if errno != EEXIST {
                throw .system("create a directory", errno)
            }
        }
        return (path, grown)
    }

    /// Removes the file `path`; returns whether there was one (a directory is not a file, and
    /// is left alone).
    @discardableResult
    static func remove(_ path: String) throws(BlobStoreError) -> Bool {
        guard unlink(path) == 0 else {
            if errno == ENOENT || errno == ENOTDIR || errno == EISDIR { return false }
            throw .system("remove a file", errno)
        }
        return true
    }

    /// Gives the file at `source` the second name `target`; returns `false`, changing nothing,
    /// when `target` exists.
    static func linkExclusive(_ source: String, to target: String) throws(BlobStoreError) -> Bool {
        guard link(source, target) == 0 else {
            if errno == EEXIST { return false }
            throw .system("link a staged file into place", errno)
        }
        return true
    }

    /// The names in the directory at `path`, without `.` and `..`.
    static func names(in path: String) throws(BlobStoreError) -> [String] {
        guard let directory = opendir(path) else { throw .system("list a directory", errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func isRegularFile(_ file: FileDescriptor) throws(BlobStoreError) -> Bool {
        var status = stat()
        guard fstat(file.raw, &status) == 0 else { throw .system("inspect a file", errno) }
        return status.st_mode & S_IFMT == S_IFREG
    }

    private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
