import Foundation

/// The target chosen by the environment variable `FUZZ_TARGET` (libFuzzer passes no arguments of ours).
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

#if !FUZZING
    /// Replays saved inputs: `packaging-fuzz DIR` runs every file in DIR/TARGET/ through TARGET.
    @main
    enum Replay {
        static func main() throws {
            let root = CommandLine.arguments.dropFirst().first ?? "Tests/FuzzSeeds"
            var count = 0
            for target in FuzzTarget.allCases {
                let folder = URL(fileURLWithPath: root).appendingPathComponent(target.rawValue)
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                for file in files.sorted() {
                    target.run([UInt8](try Data(contentsOf: folder.appendingPathComponent(file))))
                    count += 1
                }
            }
            print("fuzz replay: \(count) saved inputs ran without a crash")
        }
    }
#endif
