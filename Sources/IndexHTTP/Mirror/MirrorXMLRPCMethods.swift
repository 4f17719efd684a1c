import IndexCore

/// PyPI's XML-RPC mirroring methods on the changelog (reference b.5): `changelog_last_serial`,
/// `list_packages_with_serial`, `changelog_since_serial`; the methods PyPI removed answer its
/// faults, any other name pyramid_rpc's "method not found". Parameters are checked as Warehouse
/// checks them (pydantic strict types), with its messages.
struct MirrorXMLRPCMethods: Sendable {
    let changelog: MirrorChangelog

    /// The result of `call`; `base` is the index's public URL (for `search`'s fault). Throws an
    /// ``XMLRPCFault``, or the store's error.
    func answer(_ call: XMLRPCCall, base: String) async throws -> XMLRPCValue {
        switch call.methodName {
        case "changelog_last_serial":
            _ = try Self.integers(call.params, names: [])
            return .int(try await changelog.lastSerial())
        case "list_packages_with_serial":
            _ = try Self.integers(call.params, names: [])
            return .struct(
                try await changelog.projectSerials().map { .init(name: $0.name, value: .int($0.lastSerial)) })
        case "changelog_since_serial":
            let serial = try Self.integers(call.params, names: ["serial"])[0]
            return .array(
                try await changelog.entries(after: serial).map { entry in
                    .array([
                        .string(entry.name), .string(entry.version), .int(entry.unixTime), .string(entry.action),
                        .int(entry.serial),
                    ])
                })
        default:
            throw XMLRPCFault.disabled(call.methodName, base: base) ?? .methodNotFound
        }
    }

    /// The integer parameters `names`, or the fault Warehouse's pydantic check gives: for each
    /// position, a missing or non-integer parameter by name, an extra one by its position in the
    /// Python signature (after `request`).
    static func integers(_ params: [XMLRPCValue], names: [String]) throws(XMLRPCFault) -> [Int64] {
        var values: [Int64] = []
        var errors: [String] = []
        for position in 0..<max(params.count, names.count) {
            guard position < names.count else {
                errors.append("\(position + 1): Unexpected positional argument")
                continue
            }
            guard position < params.count else {
                errors.append("\(names[position]): Missing required argument")
                continue
            }
            guard case .int(let value) = params[position] else {
                errors.append("\(names[position]): Input should be a valid integer")
                continue
            }
            values.append(value)
        }
        guard errors.isEmpty else { throw .invalidParams(errors) }
        return values
    }
}
