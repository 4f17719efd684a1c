import PythonPackaging

/// One journal entry as mirrors read it: PyPI's changelog tuple `(name, version, timestamp,
/// action, serial)` (reference b.5), with the project's normalized name.
public struct ChangelogEntry: Hashable, Sendable {
    /// The serial.
    public var serial: Int64
    /// The project's name as stored when the entry was written, e.g. `Django`.
    public var name: String
    /// The PEP 503 normalized name, e.g. `django`.
    public var project: String
    /// The release version concerned, if any.
    public var version: String?
    /// What happened, in PyPI's words (`new release`, `add py3 file x.whl`, `yank release`...).
    public var action: String
    /// When.
    public var time: Timestamp

    /// The entry of journal line `entry`.
    public init(_ entry: JournalEntry) {
        serial = entry.serial
        name = entry.projectName
        project = ProjectName.normalize(entry.projectName)
        version = entry.version
        action = entry.action
        time = entry.time
    }

    /// Whole seconds since the epoch, truncated as Warehouse's `int(submitted_date.timestamp())`.
    public var unixTime: Int64 {
        Int64(time.secondsSinceEpoch.rounded(.towardZero))
    }
}
