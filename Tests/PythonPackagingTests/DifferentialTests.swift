import Foundation
import Testing

@testable import PythonPackaging

/// PythonPackaging against Python's `packaging` on real data.
///
/// `scripts/differential/expected.py` records what `packaging` says about every real version
/// string in `Fixtures/differential/versions.txt`, the real project names in `names.txt` (and a
/// display-style spelling of each) and the corpus's real filenames; `scripts/test.sh` runs it and
/// points `CHEESESHOP_TEST_DIFFERENTIAL` at the result.
@Suite(.enabled(if: DifferentialExpectations.path != nil, "set CHEESESHOP_TEST_DIFFERENTIAL (scripts/test.sh does)"))
struct DifferentialTests {
    let expected: DifferentialExpectations

    init() throws {
        expected = try DifferentialExpectations.load()
    }

    @Test func versionsAgreeOnValidityAndNormalForm() throws {
        #expect(expected.versions.count > 20_000)
        var disagreements: [String] = []
        for entry in expected.versions {
            let version = try? Version(parsing: entry.input)
            if (version != nil) != entry.valid {
                disagreements.append("\(entry.input): valid \(version != nil), packaging says \(entry.valid)")
            } else if let version, version.description != entry.normalized {
                disagreements.append("\(entry.input): \(version) vs \(entry.normalized ?? "")")
            } else if let version, version.canonicalized != entry.canonical {
                disagreements.append("\(entry.input): canonical \(version.canonicalized) vs \(entry.canonical ?? "")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(20))")
    }

    @Test func versionsSortInTheSameOrder() throws {
        let valid = try expected.versions.filter(\.valid).map { entry in
            (try Version(parsing: entry.input), try #require(entry.rank))
        }
        let sorted = valid.sorted { $0.0 < $1.0 }
        var disagreements: [String] = []
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            let swiftOrder = previous.0 == next.0 ? 0 : 1
            let pythonOrder = next.1 - previous.1
            if swiftOrder != pythonOrder {
                disagreements.append("\(previous.0) (rank \(previous.1)) before \(next.0) (rank \(next.1))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(20))")
    }

    @Test func releasesSortAsWarehouseSortsThemLegacyVersionsIncluded() throws {
        #expect(expected.releaseOrder.count == expected.versions.count)
        let sorted = expected.releaseOrder.map { (ReleaseVersion($0.input), $0.rank) }.sorted { $0.0 < $1.0 }
        var disagreements: [String] = []
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            let swiftOrder = previous.0 == next.0 ? 0 : 1
            if swiftOrder != next.1 - previous.1 {
                disagreements.append("\(previous.0) (rank \(previous.1)) before \(next.0) (rank \(next.1))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(20))")
    }

    @Test func namesAgreeOnValidityNormalFormAndOrder() throws {
        #expect(expected.names.entries.count > 20_000)
        var disagreements: [String] = []
        for entry in expected.names.entries {
            let name = ProjectName(entry.input)
            if name.isValid != entry.valid || name.normalized != entry.canonical {
                disagreements.append(
                    "\(entry.input): \(name.isValid) \(name.normalized) vs \(entry.valid) \(entry.canonical)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(20))")
        let ours = Set(expected.names.entries.map { ProjectName($0.input) }.filter(\.isValid).map(\.normalized))
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(ours == expected.names.sorted)
    }

    @Test func realFilenamesParseTheSameWay() throws {
        #expect(expected.filenames.count > 100)
        var disagreements: [String] = []
        for entry in expected.filenames {
            let ours: DifferentialExpectations.Filename
            switch entry.kind {
            case "wheel":
                do {
                    let wheel = try WheelFilename(parsing: entry.filename)
                    ours = .init(
                        filename: entry.filename, kind: "wheel", name: wheel.name.normalized,
                        version: wheel.version.description, build: wheel.buildTag?.description,
                        tags: wheel.tags.map(\.description).sorted(), error: nil)
                } catch {
                    ours = .init(filename: entry.filename, kind: "wheel", error: "\(error)")
                }
            default:
                do {
                    let sdist = try SdistFilename(parsing: entry.filename)
                    ours = .init(
                        filename: entry.filename, kind: "sdist", name: sdist.name.normalized,
                        version: sdist.version.description)
                } catch {
                    ours = .init(filename: entry.filename, kind: "sdist", error: "\(error)")
                }
            }
            if ours.agrees(with: entry) == false {
                disagreements.append("\(entry.filename): \(ours) vs \(entry)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(10))")
    }

    @Test func realRequirementsPrintAndEvaluateTheSameWay() throws {
        let requirements = expected.requirements.requiresDist
        #expect(requirements.count > 200)
        var environment = DifferentialExpectations.environment
        environment["extra"] = "test"
        var disagreements: [String] = []
        for entry in requirements {
            guard let requirement = try? Requirement(parsing: entry.input) else {
                if entry.valid { disagreements.append("\(entry.input): refused") }
                continue
            }
            let marker = try requirement.marker.map { marker in try marker.evaluate(environment: environment) }
            if !entry.valid || requirement.description != entry.string || marker != entry.marker {
                disagreements.append("\(entry.input): \(requirement) \(String(describing: marker)) vs \(entry)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(10))")
    }

    @Test func realRequiresPythonSpecifiersAgree() throws {
        let specifiers = expected.requirements.requiresPython
        #expect(specifiers.count > 10)
        var disagreements: [String] = []
        for entry in specifiers {
            guard let set = try? SpecifierSet(parsing: entry.input) else {
                if entry.valid { disagreements.append("\(entry.input): refused") }
                continue
            }
            let contains = ["2.7", "3.8", "3.12.4", "3.14.0rc1"].filter { set.contains($0) }
            if !entry.valid || set.description != entry.string || contains != entry.contains {
                disagreements.append(
                    "\(entry.input): \(set) \(contains) vs \(entry.string ?? "") \(entry.contains ?? [])")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(10))")
    }
}

/// The JSON that `scripts/differential/expected.py` writes.
struct DifferentialExpectations: Decodable {
    static var path: String? { ProcessInfo.processInfo.environment["CHEESESHOP_TEST_DIFFERENTIAL"] }

    struct VersionEntry: Decodable {
        var input: String
        var valid: Bool
        var normalized: String?
        var canonical: String?
        var rank: Int?
    }

    struct NameEntry: Decodable {
        var input: String
        var valid: Bool
        var canonical: String
    }

    struct Names: Decodable {
        var entries: [NameEntry]
        var sorted: [String]
    }

    struct Filename: Decodable, CustomStringConvertible {
        var filename: String
        var kind: String
        var name: String?
        var version: String?
        var build: String?
        var tags: [String]?
        var error: String?

        init(
            filename: String, kind: String, name: String? = nil, version: String? = nil,
            build: String? = nil, tags: [String]? = nil, error: String? = nil
        ) {
            (self.filename, self.kind, self.name, self.version) = (filename, kind, name, version)
            (self.build, self.tags, self.error) = (build, tags, error)
        }

        /// Same parse, or both refused (messages may differ in wording).
        func agrees(with other: Filename) -> Bool {
            if (error == nil) != (other.error == nil) { return false }
            if error != nil { return true }
            return name == other.name.map { ProjectName($0).normalized } && version == other.version
                && build == other.build && (tags ?? []) == (other.tags ?? [])
        }

        var description: String {
            error.map { "error(\($0))" } ?? "\(name ?? "") \(version ?? "") \(build ?? "") \(tags ?? [])"
        }
    }

    struct RequirementEntry: Decodable, CustomStringConvertible {
        var input: String
        var valid: Bool
        var string: String?
        var marker: Bool?
        var description: String { "\(string ?? "invalid") \(String(describing: marker))" }
    }

    struct SpecifierEntry: Decodable {
        var input: String
        var valid: Bool
        var string: String?
        var contains: [String]?
    }

    struct Requirements: Decodable {
        var requiresDist: [RequirementEntry]
        var requiresPython: [SpecifierEntry]
    }

    /// The marker environment of `expected.py` (CPython 3.12 on Linux).
    static let environment = [
        "implementation_name": "cpython", "implementation_version": "3.12.4", "os_name": "posix",
        "platform_machine": "x86_64", "platform_release": "6.1.0", "platform_system": "Linux",
        "platform_version": "#1 SMP", "python_full_version": "3.12.4",
        "platform_python_implementation": "CPython", "python_version": "3.12", "sys_platform": "linux",
    ]

    struct RankEntry: Decodable {
        var input: String
        var rank: Int
    }

    var packaging: String
    var releaseOrder: [RankEntry]
    var requirements: Requirements
    var versions: [VersionEntry]
    var names: Names
    var filenames: [Filename]

    static func load() throws -> DifferentialExpectations {
        let path = try #require(path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(DifferentialExpectations.self, from: data)
    }
}
