/// Severity levels of docutils system messages that stop rendering (halt_level 2).
enum RSTSeverity: Int, Sendable {
    case warning = 2, error = 3, severe = 4

    var name: String {
        switch self {
        case .warning: "WARNING"
        case .error: "ERROR"
        case .severe: "SEVERE"
        }
    }
}

extension ReadmeRenderError {
    /// A docutils-style system message, e.g. `3: (WARNING/2) Title underline too short.`
    static func rst(_ line: Int, _ severity: RSTSeverity, _ message: String) -> ReadmeRenderError {
        ReadmeRenderError(message: "\(line): (\(severity.name)/\(severity.rawValue)) \(message)")
    }
}
