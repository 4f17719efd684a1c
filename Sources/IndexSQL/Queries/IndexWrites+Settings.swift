import SQLKit

/// The `settings` table: one value per name, shared by every node.
extension IndexWrites {
    func setting(_ name: String) async throws -> String? {
        try await db.select().column("value").from("settings").where("name", .equal, name)
            .first(decodingColumn: "value", as: String.self)
    }

    func setSetting(_ name: String, to value: String) async throws {
        try await db.insert(into: "settings").columns("name", "value").values(name, value)
            .onConflict(with: ["name"]) { $0.set(excludedValueOf: "value") }.run()
    }
}
