/// Why a dependency specifier (PEP 508 requirement) was refused.
///
/// The message is packaging's `InvalidRequirement` text: the problem, the requirement, and a
/// `~~~^` line pointing at the place, e.g. `Expected end or semicolon (after name and no valid
/// version specifier)`; or an invalid specifier's own message.
public struct RequirementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
