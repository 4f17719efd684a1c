/// Why a string is not a valid PEP 440 version.
///
/// The message is packaging's `InvalidVersion` text: `Invalid version: '<input>'`, with the input
/// quoted as Python's `repr()` does.
public struct VersionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was refused, exactly as given.
    public let input: String

    /// Creates the error for `input`.
    public init(input: String) {
        self.input = input
    }

    public var description: String { "Invalid version: \(PythonRepr.quote(input))" }
}
