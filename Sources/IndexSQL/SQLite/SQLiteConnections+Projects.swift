import IndexCore
import SQLiteNIO
import Synchronization

extension SQLiteConnections {
    /// Every project, ordered by normalized name, read from SQLiteNIO's rows by column without
    /// SQLKit's `Decodable` path: `/simple/` of a large index lists them all.
    func projects() async throws -> [Project] {
        let collected = Mutex<(projects: [Project], problem: String?)>(([], nil))
        let query =
            "SELECT id, name, normalized_name, status, last_serial, created FROM projects ORDER BY normalized_name"
        let read: @Sendable (SQLiteConnection) async throws -> Void = { connection in
            try await connection.query(query, []) { row in
                guard case .integer(let id)? = row.column("id"), case .text(let name)? = row.column("name"),
                    case .text(let normalized)? = row.column("normalized_name"),
                    case .text(let statusText)? = row.column("status"),
                    let status = ProjectStatus(rawValue: statusText),
                    case .integer(let serial)? = row.column("last_serial"),
                    let created = Self.double(row.column("created"))
                else {
                    collected.withLock { $0.problem = $0.problem ?? "A project row does not decode: \(row)." }
                    return
                }
                let project = Project(
                    id: ProjectID(Int64(id)), name: name, normalizedName: normalized, status: status,
                    lastSerial: Int64(serial), created: Timestamp(secondsSinceEpoch: created))
                collected.withLock { $0.projects.append(project) }
            }
        }
        do {
            if let readers {
                try await readers.reading(read)
            } else {
                try await gate.holding { try await read(writer) }
            }
        } catch {
            throw SQLiteDialectSpecifics.translate(error)
        }
        let (projects, problem) = collected.withLock { ($0.projects, $0.problem) }
        if let problem { throw IndexStoreError.unavailable(problem) }
        return projects
    }

    private static func double(_ data: SQLiteData?) -> Double? {
        switch data {
        case .float(let value)?: value
        case .integer(let value)?: Double(value)
        default: nil
        }
    }
}
