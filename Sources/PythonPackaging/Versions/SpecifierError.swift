/// Why a version specifier (PEP 440 "Version specifiers") was refused.
///
/// The message is packaging's `InvalidSpecifier` text: `Invalid specifier: '<input>'`, the input
/// quoted as Python's `repr()` does (for a specifier set, the offending comma-separated item).
public struct SpecifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The specifier text that was refused.
    public let input: String

    /// Creates the error for `input`.
    public init(input: String) {
        self.input = input
    }

    public var description: String { "Invalid specifier: \(PythonRepr.quote(input))" }
}
