import IndexCore

/// A contract check that failed, with where and why.
public struct ContractViolation: Error, CustomStringConvertible, Sendable {
    /// What was expected.
    public let message: String
    /// The contract source line.
    public let line: Int

    public var description: String { "contract line \(line): \(message)" }
}

/// Throws a ``ContractViolation`` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
    guard condition else { throw ContractViolation(message: message(), line: line) }
}

/// Runs `body` and requires it to throw `IndexStoreError.conflict(expected)`.
func expectConflict(
    _ expected: IndexStoreConflict, line: Int = #line, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as IndexStoreError {
        try expect(error == .conflict(expected), "expected conflict \(expected), got \(error)", line: line)
        return
    }
    throw ContractViolation(message: "expected conflict \(expected), nothing thrown", line: line)
}
