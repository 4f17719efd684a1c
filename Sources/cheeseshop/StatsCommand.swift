import ArgumentParser
import Foundation
import IndexCore
import PythonPackaging

/// `cheeseshop stats ingest [--format combined|linehaul] LOG...`: counts the downloads in the
/// logs of what answered in front of the index (nginx, Varnish's varnishncsa, a static export's
/// web server, Fastly's linehaul lines), so cached and exported downloads are counted too.
/// Ingesting is idempotent per log: a log is known by its first line and counted from where the
/// last ingest of it stopped (a growing log adds its new lines; a rotated one is recognised).
/// `.gz` logs are read as they are.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Download statistics: ingest the logs of a cache, CDN or web server in front.",
        subcommands: [Ingest.self])

    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the downloads in access logs, each log once (run it again as logs grow).")

        @Option(help: "combined (nginx, varnishncsa) or linehaul (Fastly).") var format: String = "combined"
        @Option(help: "Lines per transaction.") var batch: Int = 100_000
        @Argument(help: "Log files (plain or .gz).") var logs: [String]
        @OptionGroup var data: DataOptions

        func validate() throws {
            guard DownloadLogFormat(rawValue: format) != nil else {
                throw ValidationError("--format must be combined or linehaul.")
            }
            guard batch > 0 else { throw ValidationError("--batch must be 1 or more.") }
            guard !logs.isEmpty else { throw ValidationError("Name at least one log file.") }
        }

        func run() async throws {
            let format = DownloadLogFormat(rawValue: format) ?? .combined
            let data = try await self.data.resolve()
            try IndexWiring.prepare(data)
            try await IndexWiring.withStore(data) { store in
                for log in logs {
                    let started = Date()
                    let result = try await LogIngest(store: store, format: format, batchLines: batch).ingest(path: log)
                    let seconds = Date().timeIntervalSince(started)
                    let rate = seconds > 0 ? Int(Double(result.lines) / seconds) : result.lines
                    print(
                        "\(log): \(result.lines) new lines read, \(result.counted) downloads and page requests counted"
                            + " (\(rate) lines/s); \(result.position.lines) lines of this log counted in all.")
                }
            }
        }
    }
}

/// One log's ingest: from its stored position to its last complete line, in batches, each
/// batch and the new position in one transaction.
struct LogIngest {
    let store: any DownloadStatisticsStore
    let format: DownloadLogFormat
    let batchLines: Int

    struct Result {
        var lines = 0
        var counted = 0
        var position: DownloadLogPosition
    }

    func ingest(path: String) async throws -> Result {
        let reader = try LogFileReader(path: path)
        var buffer: [UInt8] = []
        // The first line names the log.
        while buffer.firstIndex(of: UInt8(ascii: "\n")) == nil, let chunk = try reader.next() {
            buffer += chunk
        }
        guard let firstBreak = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
            throw ValidationError("\(path): no complete line yet; nothing to count.")
        }
        let logID = DownloadLogBatch.logID(firstLine: buffer[..<firstBreak])
        let previous = try await store.downloadLog(logID)
        var position = previous
        var skip = previous?.offset ?? 0
        var batch = DownloadLogBatch(format: format)
        var result = Result(position: previous ?? DownloadLogPosition(logID: logID, offset: 0, lines: 0, counted: 0))
        var pending = buffer[...]
        repeat {
            if skip > 0 {
                let dropped = min(skip, pending.count)
                pending = pending.dropFirst(dropped)
                skip -= dropped
            }
            while skip == 0, let lineBreak = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<lineBreak]
                var text = String(decoding: line, as: UTF8.self)[...]
                if text.last == "\r" { text = text.dropLast() }
                batch.add(text, bytes: line.count + 1)
                pending = pending[(lineBreak + 1)...]
                if batch.lines >= batchLines {
                    position = try await commit(&batch, logID: logID, after: position, result: &result)
                }
            }
            guard let chunk = try reader.next() else { break }
            pending = (Array(pending) + chunk)[...]
        } while true
        if batch.lines > 0 {
            position = try await commit(&batch, logID: logID, after: position, result: &result)
        }
        return result
    }

    private func commit(
        _ batch: inout DownloadLogBatch, logID: String, after previous: DownloadLogPosition?, result: inout Result
    ) async throws -> DownloadLogPosition {
        do {
            let position = try await store.commit(batch, logID: logID, after: previous)
            result.lines += batch.lines
            result.counted += batch.counted
            result.position = position
            batch.clear()
            return position
        } catch IndexStoreError.conflict(.downloadLog) {
            throw ValidationError(
                "Another ingest of this log moved on while this one ran; nothing of this batch was counted. Run it again."
            )
        }
    }
}

/// A log file's bytes in chunks, decompressed when it is gzip (`.gz`, or the gzip magic).
final class LogFileReader {
    private let handle: FileHandle
    private let inflater: Inflater?
    static let chunk = 1 << 20

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ValidationError("\(path): cannot be read.")
        }
        self.handle = handle
        let magic = (try? handle.read(upToCount: 2)).map { Array($0) } ?? []
        try handle.seek(toOffset: 0)
        if magic == [0x1f, 0x8b] {
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            inflater = Inflater(
                source: FileSource(handle: handle, count: size), range: 0..<size, format: .gzip, limit: .max)
        } else {
            inflater = nil
        }
    }

    /// The next chunk, `nil` at the end.
    func next() throws -> [UInt8]? {
        if let inflater { return try inflater.next() }
        guard let data = try handle.read(upToCount: Self.chunk), !data.isEmpty else { return nil }
        return Array(data)
    }

    /// A file read at offsets, for the inflater.
    struct FileSource: ArchiveSource {
        let handle: FileHandle
        let count: Int

        func bytes(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8] {
            do {
                try handle.seek(toOffset: UInt64(offset))
                return Array(try handle.read(upToCount: length) ?? Data())
            } catch {
                throw ArchiveError("The log could not be read: \(error)")
            }
        }
    }
}
