import PythonPackaging

/// What a webhook subscription can ask to be told of (warehouse#360). Each is derived from the
/// journal entries every change already appends (``WebhookEvent/occurrences(in:)``), so no
/// write path can forget to announce itself.
public enum WebhookEvent: String, Hashable, Sendable, CaseIterable, Comparable {
    /// The first file of a new version (journal `new release`).
    case releasePublished = "release.published"
    /// Any file uploaded (journal `add <pyversion> file <filename>`).
    case fileUploaded = "file.uploaded"
    /// `yank release`.
    case releaseYanked = "release.yanked"
    /// `unyank release`.
    case releaseUnyanked = "release.unyanked"
    /// `remove file <filename>`.
    case fileDeleted = "file.deleted"
    /// `remove release`.
    case releaseDeleted = "release.deleted"
    /// `remove project`.
    case projectDeleted = "project.deleted"
    /// `quarantine project`.
    case projectQuarantined = "project.quarantined"
    /// `release project from quarantine`.
    case projectReleased = "project.released"

    public static func < (lhs: WebhookEvent, rhs: WebhookEvent) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The events named in `text`, separated by commas or spaces (`all` for every event);
    /// `nil` when a name is unknown or none is given.
    public static func parseList(_ text: String) -> Set<WebhookEvent>? {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
        guard !names.isEmpty else { return nil }
        var events: Set<WebhookEvent> = []
        for name in names {
            if name == "all" {
                events.formUnion(allCases)
            } else if let event = WebhookEvent(rawValue: name) {
                events.insert(event)
            } else {
                return nil
            }
        }
        return events
    }

    /// The event a journal action announces and the filename it names, if it announces one.
    static func of(action: String) -> (event: WebhookEvent, filename: String?)? {
        switch action {
        case "new release": return (.releasePublished, nil)
        case "yank release": return (.releaseYanked, nil)
        case "unyank release": return (.releaseUnyanked, nil)
        case "remove release": return (.releaseDeleted, nil)
        case "remove project": return (.projectDeleted, nil)
        case "quarantine project": return (.projectQuarantined, nil)
        case "release project from quarantine": return (.projectReleased, nil)
        default: break
        }
        let words = action.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        if words.count == 3, words[0] == "remove", words[1] == "file" {
            return (.fileDeleted, String(words[2]))
        }
        // `add <pyversion> file <filename>`: the pyversion is one word (`py3`, `source`, `cp312`).
        let added = action.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        if added.count == 4, added[0] == "add", added[2] == "file", !added[3].isEmpty {
            return (.fileUploaded, String(added[3]))
        }
        return nil
    }

    /// The events `entries` (oldest first) announce, in journal order. A `new release` entry
    /// names the file added right after it in the same batch (the upload's transaction writes
    /// both), so `release.published` carries the first file's name.
    public static func occurrences(in entries: [JournalEntry]) -> [WebhookOccurrence] {
        var found: [WebhookOccurrence] = []
        for (index, entry) in entries.enumerated() {
            guard let announced = of(action: entry.action) else { continue }
            let event = announced.event
            var named = announced.filename
            if event == .releasePublished, index + 1 < entries.count {
                let next = entries[index + 1]
                if next.projectName == entry.projectName, next.version == entry.version,
                    let following = of(action: next.action), following.event == .fileUploaded
                {
                    named = following.filename
                }
            }
            found.append(
                WebhookOccurrence(
                    event: event, projectName: entry.projectName, version: entry.version, filename: named,
                    serial: entry.serial, time: entry.time, actor: entry.actor))
        }
        return found
    }
}

/// One event that happened, as a journal entry recorded it.
public struct WebhookOccurrence: Hashable, Sendable {
    public var event: WebhookEvent
    /// The project's name as written when the entry was appended.
    public var projectName: String
    public var version: String?
    public var filename: String?
    /// The journal serial of the entry.
    public var serial: Int64
    public var time: Timestamp
    public var actor: String?

    /// The project's PEP 503 normalized name.
    public var normalizedName: String { ProjectName.normalize(projectName) }

    /// An occurrence.
    public init(
        event: WebhookEvent, projectName: String, version: String?, filename: String?, serial: Int64,
        time: Timestamp, actor: String?
    ) {
        self.event = event
        self.projectName = projectName
        self.version = version
        self.filename = filename
        self.serial = serial
        self.time = time
        self.actor = actor
    }

    /// The JSON body delivered (compact, keys in a fixed order): the event, the project, the
    /// version and filename (`null` when the event has none), the serial, the time (ISO 8601)
    /// and the absolute URLs of the project's and the release's pages under `baseURL`.
    public func body(baseURL: String, deliveryID: String) -> [UInt8] {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let projectURL = "\(base)/project/\(normalizedName)/"
        let releaseURL: JSONValue = version.map { .string("\(projectURL)\($0)/") } ?? .null
        return JSONValue.object([
            "event": .string(event.rawValue),
            "delivery": .string(deliveryID),
            "project": .string(projectName),
            "normalized_name": .string(normalizedName),
            "version": .string(version),
            "filename": .string(filename),
            "serial": .int(serial),
            "time": .string(time.iso8601),
            "actor": .string(actor),
            "project_url": .string(projectURL),
            "release_url": releaseURL,
        ]).bytes
    }
}
