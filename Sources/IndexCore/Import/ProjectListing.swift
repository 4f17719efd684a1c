import PythonPackaging

/// A tab-separated list of projects, one per line after a header naming the columns: `name`
/// (required), `version`, `summary`, `month` (`YYYY-MM`, the release's month) or `created`
/// (seconds since the epoch); other columns are ignored. PyPI's project list is in this form.
public struct ProjectListing: Sendable {
    let name: Int
    let version: Int?
    let summary: Int?
    let month: Int?
    let created: Int?

    /// Why a line was not imported.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The listing whose header is `header`.
    public init(header: String) throws(Problem) {
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingWhitespace().lowercased()
        }
        guard let name = columns.firstIndex(of: "name") else {
            throw Problem("The header names no 'name' column (tab-separated: name, version, summary, month).")
        }
        self.name = name
        version = columns.firstIndex(of: "version")
        summary = columns.firstIndex(of: "summary")
        month = columns.firstIndex(of: "month")
        created = columns.firstIndex(of: "created")
    }

    /// The project on `line`; `fallback` is its date when the line has none.
    public func project(_ line: String, fallback: Timestamp) throws(Problem) -> ImportedProject {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let value = fields[index].trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        guard let name = field(name) else { throw Problem("no name") }
        guard ProjectName(name).isValid else { throw Problem("'\(name)' is not a valid project name") }
        var date = fallback
        if let seconds = field(created).flatMap(Double.init) {
            date = Timestamp(secondsSinceEpoch: seconds)
        } else if let month = field(month), let start = Self.startOfMonth(month) {
            date = start
        }
        return ImportedProject(name: name, version: field(version), summary: field(summary), created: date)
    }

    /// The first second of `YYYY-MM` (UTC).
    static func startOfMonth(_ text: String) -> Timestamp? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1970...9999).contains(year),
            (1...12).contains(month)
        else { return nil }
        // Days from 1970-01-01 to the first of the month (the civil-from-days algorithm, inverted).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Timestamp(secondsSinceEpoch: Double(days) * 86_400)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
