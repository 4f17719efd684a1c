/// What a request path is, for metrics: a handful of fixed labels (a label per path would let
/// clients grow the metrics without bound).
enum RouteKind: Int, CaseIterable, Sendable {
    case simpleIndex, simpleProject, files, jsonAPI, upload, api, health, metrics, snapshot, web

    /// The metrics label.
    var label: String {
        switch self {
        case .simpleIndex: "simple_index"
        case .simpleProject: "simple_project"
        case .files: "files"
        case .jsonAPI: "json_api"
        case .upload: "upload"
        case .api: "api"
        case .health: "health"
        case .metrics: "metrics"
        case .snapshot: "snapshot"
        case .web: "web"
        }
    }

    /// The kind of `path` (without its query).
    init(path: Substring) {
        if path.hasPrefix("/simple/") {
            self = path.utf8.count == 8 ? .simpleIndex : .simpleProject
        } else if path.hasPrefix("/simple") {
            self = .simpleIndex
        } else if path.hasPrefix("/packages/") {
            self = .files
        } else if path == "/pypi" || path == "/pypi/" || path == "/RPC2" {
            self = .api  // XML-RPC
        } else if path.hasPrefix("/pypi/") {
            self = .jsonAPI
        } else if path.hasPrefix("/legacy") {
            self = .upload
        } else if path.hasPrefix("/api/") || path.hasPrefix("/_/") {
            self = .api
        } else if path.hasPrefix("/_health") {
            self = .health
        } else if path == "/metrics" {
            self = .metrics
        } else if path.hasPrefix("/snapshot/") {
            self = .snapshot
        } else {
            self = .web
        }
    }
}
