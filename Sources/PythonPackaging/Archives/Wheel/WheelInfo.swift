/// The `WHEEL` file of a wheel's `.dist-info` directory (binary distribution format, PEP 427).
///
/// It is a list of `Key: Value` lines in email-header style. `Wheel-Version` is required and its
/// major version must be 1, as installers require; `Tag` may repeat.
public struct WheelInfo: Hashable, Sendable {
    /// `Wheel-Version`, e.g. `1.0`.
    public let wheelVersion: String
    /// `Generator`, the tool that built the wheel, if given.
    public let generator: String?
    /// Whether `Root-Is-Purelib` is `true` (case-insensitive), as pip reads it.
    public let rootIsPurelib: Bool
    /// The `Tag` values, in file order.
    public let tags: [String]
    /// `Build`, the build number, if given.
    public let build: String?

    /// Parses the bytes of a `WHEEL` file; `path` names it in messages.
    public init(parsing bytes: [UInt8], path: String) throws(WheelError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WheelError("\(path) is not valid UTF-8")
        }
        var fields: [(key: String, value: String)] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }  // The headers end at the first empty line.
            guard let colon = line.firstIndex(of: ":") else {
                throw WheelError("\(path) has a line that is not 'Key: Value': '\(line)'")
            }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            fields.append((String(line[..<colon]), String(value)))
        }
        func values(_ key: String) -> [String] {
            fields.filter { $0.key.lowercased() == key.lowercased() }.map(\.value)
        }
        guard let version = values("Wheel-Version").first else {
            throw WheelError("\(path) has no Wheel-Version")
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            parts.first.flatMap({ Int($0) }) == 1
        else {
            throw WheelError("\(path) has Wheel-Version \(version); only version 1 wheels are supported")
        }
        wheelVersion = version
        generator = values("Generator").first
        rootIsPurelib = values("Root-Is-Purelib").first?.lowercased() == "true"
        tags = values("Tag")
        build = values("Build").first
    }
}
