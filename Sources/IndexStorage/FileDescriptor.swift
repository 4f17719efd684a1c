#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, closed when the last reference to it goes.
///
/// Owning the descriptor in a class lets a read stream or an archive source that is abandoned
/// half-way close its file without an explicit call.
final class FileDescriptor: Sendable {
    /// The descriptor number.
    let raw: Int32

    /// Takes ownership of `raw`.
    init(_ raw: Int32) {
        self.raw = raw
    }

    deinit {
        close(raw)
    }
}
