/// Why an environment marker (PEP 508) could not be parsed or evaluated.
///
/// Parse errors carry packaging's `InvalidMarker` text: the problem, the marker, and a `~~~^`
/// line pointing at the place, e.g. `Expected a marker variable or quoted string`.
public struct MarkerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
