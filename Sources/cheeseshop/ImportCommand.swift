import ArgumentParser
import Foundation
import IndexCore
import IndexSQL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `cheeseshop import FILE`: creates many projects at once from a tab-separated list (a header
/// naming `name`, `version`, `summary`, `month`; PyPI's own project list has this form), for a
/// migration or a benchmark. Existing names are left alone, so it can be run again.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Create projects (with their latest release) from a tab-separated list.")

    @Argument(help: "The list: tab-separated, with a header line; '-' reads standard input.")
    var file: String
    @Option(help: "Projects per transaction.") var batch = 2000
    @OptionGroup var data: DataOptions

    func run() async throws {
        let data = try await self.data.resolve()
        guard batch > 0 else { throw ValidationError("--batch must be positive.") }
        guard let input = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw ValidationError("Cannot read \(file).")
        }
        let total = file == "-" ? nil : try? LineReader.countLines(path: file)
        try IndexWiring.prepare(data)
        let started = Date()
        let progress = ImportProgress(total: total.map { max($0 - 1, 0) }, interactive: isatty(STDERR_FILENO) == 1)
        let now = Timestamp(secondsSinceEpoch: started.timeIntervalSince1970)
        let (created, read, problems) = try await IndexWiring.withStore(data) { store in
            var reader = LineReader(handle: input)
            guard let header = try reader.next() else { throw ValidationError("\(file) is empty.") }
            let listing = try ProjectListing(header: header)
            var pending: [ImportedProject] = []
            var created = 0
            var read = 0
            var problems: [String] = []
            var lineNumber = 1
            while let line = try reader.next() {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                read += 1
                do {
                    pending.append(try listing.project(line, fallback: now))
                } catch {
                    problems.append("line \(lineNumber): \(error)")
                }
                if pending.count == batch {
                    created += try await store.importProjects(pending)
                    pending.removeAll(keepingCapacity: true)
                    progress.show(read: read, created: created, since: started)
                }
            }
            created += try await store.importProjects(pending)
            progress.show(read: read, created: created, since: started)
            return (created, read, problems)
        }
        progress.finish()
        for problem in problems.prefix(20) { Console.error("skipped \(problem)") }
        if problems.count > 20 { Console.error("... and \(problems.count - 20) more lines skipped") }
        let seconds = Date().timeIntervalSince(started)
        print(
            "Imported \(created) new projects of \(read) lines in \(String(format: "%.1f", seconds)) s "
                + "(\(Int(Double(read) / max(seconds, 0.001))) lines/s); \(problems.count) skipped.")
    }
}

/// The progress bar on a terminal (standard error), or nothing.
struct ImportProgress: Sendable {
    let total: Int?
    let interactive: Bool

    func show(read: Int, created: Int, since start: Date) {
        guard interactive else { return }
        let rate = Int(Double(read) / max(Date().timeIntervalSince(start), 0.001))
        var line = "\r"
        if let total, total > 0 {
            let width = 30
            let filled = min(width, read * width / total)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(read)/\(total) (\(min(100, read * 100 / total))%)"
        } else {
            line += "\(read) lines"
        }
        line += ", \(created) created, \(rate)/s "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Lines of a file, read in 1 MiB pieces (a large list is never held whole).
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its line break (`\n` or `\r\n`), or `nil` at the end.
    mutating func next() throws -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The number of lines in the file at `path`.
    static func countLines(path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        var count = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            count += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        return count
    }
}
