import IndexCore

extension SQLIndexStore: ProjectImporting {
    public func importProjects(_ batch: [ImportedProject]) async throws -> Int {
        try await write { _ in
            guard let writing = Self.writing else { throw IndexStoreError.unavailable("No write transaction.") }
            let writes = IndexWrites(
                queries: IndexQueries(db: writing.db), uniqueViolation: connections.uniqueViolation)
            return try await writes.importProjects(batch)
        }
    }
}
