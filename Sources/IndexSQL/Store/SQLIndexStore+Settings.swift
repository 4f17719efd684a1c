import IndexCore
import SQLKit

extension SQLIndexStore {
    /// The deployment's server secret, shared by every node of the database: the first node
    /// stores `generate()`'s bytes, every node reads the same ones.
    public func sharedSecret(generate: () -> [UInt8]) async throws -> [UInt8] {
        let candidate = Self.hex(generate())
        let stored = try await connections.write { db in
            try await db.insert(into: "settings").columns("name", "value").values("server_secret", candidate)
                .ignoringConflicts().run()
            return try await db.select().column("value").from("settings").where("name", .equal, "server_secret")
                .first(decodingColumn: "value", as: String.self)
        }
        guard let stored, let bytes = Self.bytes(hex: stored), bytes.count >= 32 else {
            throw IndexStoreError.unavailable("The stored server secret is not 32 or more bytes of hex.")
        }
        return bytes
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func bytes(hex: String) -> [UInt8]? {
        let values = hex.utf8.map { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        guard values.count % 2 == 0, !values.contains(nil) else { return nil }
        let digits = values.compactMap { $0 }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
