/// Why a wheel was refused, with the complete message Warehouse answers the upload with.
///
/// Problems of the archive itself carry Warehouse's "Invalid distribution file." prefix; problems
/// of the wheel's contents use the wording of `warehouse/forklift/legacy.py`, e.g.
/// "Wheel 'x-1.0-py3-none-any.whl' does not contain the required RECORD file: x-1.0.dist-info/RECORD".
public struct WheelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message, as shown to the uploader.
    public let message: String

    /// Creates an error with the complete `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// An archive problem, shown the way Warehouse shows `_is_valid_dist_file` failures.
    public init(_ error: ArchiveError) {
        message = "Invalid distribution file. \(error.reason)"
    }

    public var description: String { message }
}
