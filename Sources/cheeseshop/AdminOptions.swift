import ArgumentParser
import IndexCore

/// The options of the administrators' commands: where the index lives. The operator at the
/// command line acts as an administrator, written `cli` in the audit log.
struct AdminOptions: ParsableArguments {
    @OptionGroup var data: DataOptions

    /// Runs `action` with the administrators' use cases, closing the store afterwards; a refusal
    /// is printed on standard error and ends the command with a non-zero status.
    func run<T: Sendable>(_ action: (AdminActions, any IndexStore) async throws -> T) async throws -> T {
        let data = try await self.data.resolve()
        try IndexWiring.prepare(data)
        do {
            return try await IndexWiring.withStore(data) { store in
                try await action(AdminActions(store: store, clock: SystemClock()), store)
            }
        } catch let error as ManageError {
            Console.error(error.message)
            throw ExitCode.failure
        }
    }
}
