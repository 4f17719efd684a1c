import ArgumentParser
import Foundation
import IndexSQL

/// `cheeseshop migrate`: brings the index database's schema up to date (`serve` also does at
/// start unless `--no-migrate`; on PostgreSQL nodes migrate one at a time).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the index database's schema up to date.")

    @OptionGroup var data: DataOptions

    func run() async throws {
        let data = try await self.data.resolve()
        try IndexWiring.prepare(data)
        let (applied, versions) = try await IndexWiring.withStore(data) { store in
            (store.appliedAtOpen, try await store.appliedMigrations())
        }
        let current = versions.last ?? 0
        if applied.isEmpty {
            print("The schema is current (version \(current)).")
        } else {
            print(
                "Applied schema steps \(applied.map(String.init).joined(separator: ", ")); now at version \(current).")
        }
    }
}
