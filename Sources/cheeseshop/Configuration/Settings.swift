import ArgumentParser
import Configuration
import Foundation
import SystemPackage

/// The settings of a command, through apple/swift-configuration: the command line first, then
/// `CHEESESHOP_*` environment variables, then the JSON configuration file (`--config`, or
/// `CHEESESHOP_CONFIG`), then the defaults in the code. Names no setting knows are refused, in
/// the environment (`CHEESESHOP_TEST_*` is left to test harnesses) and in the file; a value of
/// the wrong kind is refused naming the setting and where it came from, a secret's value never
/// echoed.
struct Settings: Sendable {
    /// A refusal of a setting.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    private let reader: ConfigReader
    private let flags: Set<String>
    private let environment: [String: String]
    private let file: String?
    private let fileValues: [String: String]
    private let flagValues: [String: String]

    /// The settings from `flags` (the values given on the command line, by setting name),
    /// `environment` and the configuration file it or the flags name.
    init(flags: [String: ConfigContent], environment: [String: String]) async throws {
        // An empty variable is an unset one.
        let own = environment.filter {
            $0.key.hasPrefix("CHEESESHOP_") && !$0.key.hasPrefix("CHEESESHOP_TEST_") && !$0.value.isEmpty
        }
        let known = Set(SettingKey.all.map(\.environmentName))
        if let unknown = own.keys.sorted().first(where: { !known.contains($0) }) {
            throw Refusal(
                description:
                    "Unknown setting \(unknown) in the environment; the settings are listed in docs/configuration.md.")
        }
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (name, content) in flags {
            values[AbsoluteConfigKey([name])] = ConfigValue(content, isSecret: SettingKey.named(name).secret)
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(
                environmentVariables: own,
                secretsSpecifier: .specific(Set(SettingKey.all.filter(\.secret).map(\.environmentName)))
            ).prefixKeys(with: "cheeseshop"),
        ]
        var file: String?
        if case .string(let path) = flags["config"] {
            file = path
        } else if let path = own["CHEESESHOP_CONFIG"] {
            file = path
        }
        var fileValues: [String: String] = [:]
        if let file {
            fileValues = try Self.values(ofFile: file)
            providers.append(
                try await FileProvider<JSONSnapshot>(
                    parsingOptions: .init(secretsSpecifier: .specific(Set(SettingKey.all.filter(\.secret).map(\.name)))),
                    filePath: FilePath(file)))
        }
        self.reader = ConfigReader(providers: providers)
        self.flags = Set(flags.keys)
        self.environment = own
        self.file = file
        self.fileValues = fileValues
        self.flagValues = flags.mapValues(Self.text)
    }

    /// A flag's value in words.
    private static func text(_ content: ConfigContent) -> String {
        switch content {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .stringArray(let values): values.joined(separator: ",")
        default: "\(content)"
        }
    }

    /// The settings a configuration file sets, their values in words; refuses one that is not a
    /// JSON object of known settings.
    static func values(ofFile path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Refusal(description: "--config \(path): the configuration file cannot be read.")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Refusal(description: "--config \(path): the configuration file is not a JSON object.")
        }
        let known = Set(SettingKey.all.map(\.name)).subtracting(["config"])
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw Refusal(
                description:
                    "Unknown setting \"\(unknown)\" in the configuration file \(path); the settings are listed in "
                    + "docs/configuration.md.")
        }
        return object.mapValues { value in
            if let list = value as? [Any] { return list.map { "\($0)" }.joined(separator: ",") }
            if let flag = value as? Bool { return String(flag) }
            return "\(value)"
        }
    }

    /// Where `key`'s value comes from, in words.
    func source(of key: SettingKey) -> String {
        if flags.contains(key.name) { return "--\(key.name)" }
        if environment[key.environmentName] != nil { return key.environmentName }
        return "\"\(key.name)\" in \(file ?? "the configuration file")"
    }

    private func refusal(_ key: SettingKey, _ expected: String) -> Refusal {
        var value = ""
        if !key.secret, let raw = try? reader.requiredString(forKey: ConfigKey([key.name])) {
            value = " '\(raw)'"
        }
        return Refusal(description: "\(source(of: key)):\(value) is not \(expected).")
    }

    /// Whether a source sets `key`.
    private func isSet(_ key: SettingKey) -> Bool {
        flags.contains(key.name) || environment[key.environmentName] != nil || fileValues[key.name] != nil
    }

    /// `read()` of `name`: `nil` when no source sets it; a refusal naming it when its value is
    /// not of the kind (`expected`, in words).
    private func value<T>(_ name: String, _ expected: String, _ read: (ConfigKey, Bool) throws -> T) throws -> T? {
        let key = SettingKey.named(name)
        guard isSet(key) else { return nil }
        do {
            return try read(ConfigKey([name]), key.secret)
        } catch {
            throw refusal(key, expected)
        }
    }

    func string(_ name: String) throws -> String? {
        try value(name, "text") { key, secret in try reader.requiredString(forKey: key, isSecret: secret) }
    }

    func integer(_ name: String) throws -> Int? {
        try value(name, "a whole number") { key, secret in try reader.requiredInt(forKey: key, isSecret: secret) }
    }

    /// A number (a whole one too).
    func number(_ name: String) throws -> Double? {
        try value(name, "a number") { key, secret in
            do {
                return try reader.requiredDouble(forKey: key, isSecret: secret)
            } catch {
                return Double(try reader.requiredInt(forKey: key, isSecret: secret))
            }
        }
    }

    func boolean(_ name: String) throws -> Bool? {
        try value(name, "true or false") { key, secret in try reader.requiredBool(forKey: key, isSecret: secret) }
    }

    /// A list: repeated flags, a JSON array, a comma-separated environment variable.
    func list(_ name: String) throws -> [String]? {
        try value(name, "a list of text") { key, secret in
            do {
                return try reader.requiredStringArray(forKey: key, isSecret: secret)
            } catch {
                return [try reader.requiredString(forKey: key, isSecret: secret)]
            }
        }
    }

    /// A size: `100M`, `2G`, or a number of bytes.
    func size(_ name: String) throws -> Int? {
        let key = SettingKey.named(name)
        let text = try value(name, "a size such as 100M") { key, secret in
            do {
                return try reader.requiredString(forKey: key, isSecret: secret)
            } catch {
                return String(try reader.requiredInt(forKey: key, isSecret: secret))
            }
        }
        guard let text else { return nil }
        guard let bytes = Self.bytes(text) else { throw refusal(key, "a size: a number of bytes, or with K, M, G or T") }
        return bytes
    }

    /// `100M`, `2G`, `512K` (powers of 1024) or a plain byte count.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        let unit = text.last.flatMap { units[Character($0.uppercased())] }
        guard let count = Int(unit == nil ? text : String(text.dropLast())), count > 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit ?? 1)
        return overflow ? nil : bytes
    }

    /// Every setting with its value and where it came from, a secret's value hidden: what
    /// `serve --print-config` prints.
    func described() -> [(name: String, value: String, source: String)] {
        SettingKey.all.map { key in
            let given = flagValues[key.name] ?? environment[key.environmentName] ?? fileValues[key.name]
            guard let given else { return (key.name, key.defaultValue ?? "(none)", "default") }
            return (key.name, key.secret ? "(secret)" : given, source(of: key))
        }
    }

    /// A refusal of `name`'s value, which is not `expected`.
    func invalid(_ name: String, _ expected: String) -> Refusal {
        refusal(SettingKey.named(name), expected)
    }
}
