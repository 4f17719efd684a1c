/// The parameters of an `$argon2id$v=19$m=..,t=..,p=..$salt$hash` string, read to decide
/// whether a verified hash needs rehashing (libargon2 checks the rest when verifying).
struct PHCArgon2idString {
    let text: String
    let version: UInt32
    let memoryKiB: UInt32
    let timeCost: UInt32
    let parallelism: UInt32

    init?(_ text: String) {
        guard text.utf8.count <= 512 else { return nil }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id", fields[2].hasPrefix("v=") else {
            return nil
        }
        guard let version = UInt32(fields[2].dropFirst(2)) else { return nil }
        var values: [Substring: UInt32] = [:]
        for pair in fields[3].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = UInt32(parts[1]) else { return nil }
            values[parts[0]] = value
        }
        guard values.count == 3, let memory = values["m"], let time = values["t"], let lanes = values["p"] else {
            return nil
        }
        self.text = text
        self.version = version
        self.memoryKiB = memory
        self.timeCost = time
        self.parallelism = lanes
    }
}
