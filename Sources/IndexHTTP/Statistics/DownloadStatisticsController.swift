import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore
import PythonPackaging

/// The pypistats-compatible API (`/api/packages/<project>/recent`, `overall`, `python_major`,
/// `python_minor`, `system`: the same paths, parameters and JSON as pypistats.org, over the last
/// 180 days) and the CSV export of every counted row (`/api/packages/<project>/downloads.csv`).
/// As pypistats, only `overall` counts mirrors' downloads unless `mirrors=false`; the others
/// leave them out. Answers are cached for five minutes.
struct DownloadStatisticsController: Sendable {
    let store: any IndexStore
    let statistics: DownloadStatistics

    static let cacheControl = "max-age=300, public"

    func register(on router: Router<IndexRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/api/packages/:project/:series", method: method, use: handle)
        }
    }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let name = ProjectName.normalize(context.parameters.get("project") ?? "")
        let series = context.parameters.get("series") ?? ""
        let query = request.uri.queryParameters
        func parameter(_ key: String) -> String? { query[key[...]].map { String($0).lowercased() } }
        let body: JSONValue
        switch series {
        case "recent":
            body = try await recent(name, period: parameter("period"))
        case "overall":
            body = try await overall(name, mirrors: try Self.flag(parameter("mirrors")))
        case "python_major":
            body = try await categories(name, type: "python_major_downloads", filter: parameter("version")) {
                $0.isEmpty ? "null" : String($0.prefix { $0 != "." })
            } source: {
                .python
            }
        case "python_minor":
            body = try await categories(name, type: "python_minor_downloads", filter: parameter("version")) {
                $0.isEmpty ? "null" : $0
            } source: {
                .python
            }
        case "system":
            body = try await categories(name, type: "system_downloads", filter: parameter("os"), category: Self.system)
            {
                .system
            }
        case "downloads.csv":
            return try await csv(name)
        default:
            throw MessageError(404, "Not Found")
        }
        var headers = CORS.headers
        headers[.contentType] = "application/json"
        headers[.cacheControl] = Self.cacheControl
        let bytes = body.bytes
        headers[.contentLength] = String(bytes.count)
        return Response(
            status: .ok, headers: headers,
            body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `recent`: downloads today, over the last week and the last month (`period` one of them).
    private func recent(_ name: String, period: String?) async throws -> JSONValue {
        try await requireKnown(name)
        let recent = try await statistics.recent(name)
        var data = [("last_day", recent.day), ("last_month", recent.month), ("last_week", recent.week)]
        if let period {
            guard ["day", "week", "month"].contains(period) else {
                throw MessageError(400, "period must be day, week or month.")
            }
            data = data.filter { $0.0 == "last_\(period)" }
        }
        return Self.answer(
            name, type: "recent_downloads", data: .object(data.map { JSONMember($0.0, .int(Int64($0.1))) }))
    }

    /// `overall`: daily downloads with and without mirrors (`mirrors` one of them).
    private func overall(_ name: String, mirrors: Bool?) async throws -> JSONValue {
        try await requireKnown(name)
        var rows: [JSONValue] = []
        for (category, withMirrors) in [("with_mirrors", true), ("without_mirrors", false)]
        where mirrors == nil || mirrors == withMirrors {
            for total in try await statistics.series(name, by: .total, mirrors: withMirrors) {
                rows.append(Self.row(category: category, day: total.day, count: total.count))
            }
        }
        return Self.answer(name, type: "overall_downloads", data: .array(rows))
    }

    /// A series by category (mirrors left out), summed per day after `category` maps the stored
    /// value; `filter` keeps one category.
    private func categories(
        _ name: String, type: String, filter: String?, category: (String) -> String,
        source: () -> DownloadDimension
    ) async throws -> JSONValue {
        try await requireKnown(name)
        var sums: [String: [Int: Int]] = [:]
        for total in try await statistics.series(name, by: source(), mirrors: false) {
            sums[category(total.category), default: [:]][total.day, default: 0] += total.count
        }
        var rows: [JSONValue] = []
        for (category, days) in sums.sorted(by: { $0.key < $1.key })
        where filter == nil || category.lowercased() == filter {
            for (day, count) in days.sorted(by: { $0.key < $1.key }) {
                rows.append(Self.row(category: category, day: day, count: count))
            }
        }
        return Self.answer(name, type: type, data: .array(rows))
    }

    /// pypistats' systems: Darwin, Linux, Windows, `other`, or `null` when not told.
    static func system(_ stored: String) -> String {
        switch stored {
        case "": "null"
        case "Darwin", "Linux", "Windows": stored
        default: "other"
        }
    }

    /// `true`/`false` (`nil`: absent).
    static func flag(_ value: String?) throws -> Bool? {
        switch value {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw MessageError(400, "mirrors must be true or false.")
        }
    }

    static func row(category: String, day: Int, count: Int) -> JSONValue {
        .object([
            JSONMember("category", .string(category)), JSONMember("date", .string(DownloadStatistics.date(day))),
            JSONMember("downloads", .int(Int64(count))),
        ])
    }

    static func answer(_ name: String, type: String, data: JSONValue) -> JSONValue {
        .object([JSONMember("data", data), JSONMember("package", .string(name)), JSONMember("type", .string(type))])
    }

    /// 404 unless the project is hosted here or has counts (a proxied one).
    private func requireKnown(_ name: String) async throws {
        if try await store.project(normalizedName: name) != nil { return }
        if try await !statistics.series(name, by: .total, mirrors: true).isEmpty { return }
        throw MessageError(404, "Not Found")
    }

    /// Every counted row of the last 180 days, one line each.
    private func csv(_ name: String) async throws -> Response {
        try await requireKnown(name)
        var text =
            "date,kind,project,version,filename,installer,installer_version,python,implementation,system,cpu,ci,mirror,count\r\n"
        for (key, count) in try await statistics.rows(name) {
            let client = key.client
            let fields = [
                DownloadStatistics.date(key.day), key.kind == .file ? "file" : "page", key.project, key.version,
                key.filename, client.installer, client.installerVersion, client.python, client.implementation,
                client.system, client.cpu, client.ci.map { $0 ? "true" : "false" } ?? "",
                client.isMirror ? "true" : "false",
                String(count),
            ]
            text += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        var headers = CORS.headers
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name)-downloads.csv\""
        headers[.cacheControl] = Self.cacheControl
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading
    /// `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets never run it as a formula.
    static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
