import IndexCore
import PostgresNIO

extension PostgresConnections {
    /// Every project, ordered by normalized name, decoded straight from PostgresNIO's rows:
    /// `/simple/` of a large index lists them all, and SQLKit's decoding by column name costs
    /// several times the query itself at 900,000 rows.
    func projects() async throws -> [Project] {
        do {
            return try await client.withConnection { connection in
                let rows = try await connection.query(
                    "SELECT id, name, normalized_name, status, last_serial, created FROM projects ORDER BY normalized_name",
                    logger: connection.logger)
                var projects: [Project] = []
                for try await (id, name, normalized, status, serial, created) in rows.decode(
                    (Int64, String, String, String, Int64, Double).self)
                {
                    guard let status = ProjectStatus(rawValue: status) else {
                        throw IndexStoreError.unavailable("Unknown project status \(status) in the database.")
                    }
                    projects.append(
                        Project(
                            id: ProjectID(id), name: name, normalizedName: normalized, status: status,
                            lastSerial: serial,
                            created: Timestamp(secondsSinceEpoch: created)))
                }
                return projects
            }
        } catch {
            throw PostgresDialectSpecifics.translate(error)
        }
    }
}
