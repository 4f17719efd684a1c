/// One line of the public change log; its id is the serial that mirrors follow (PyPI's
/// `JournalEntry`, `X-PyPI-Last-Serial`).
public struct JournalEntry: Hashable, Sendable {
    /// The serial: strictly increasing across the whole index.
    public var serial: Int64
    /// The project's name as stored in the project row when the entry was written.
    public var projectName: String
    /// The release version concerned, if any.
    public var version: String?
    /// What happened, in PyPI's words: `create`, `new release`, `add py3 file x.whl`,
    /// `remove file x`, `yank release`, `add Owner alice`...
    public var action: String
    /// When.
    public var time: Timestamp
    /// The username of who did it, if a user did.
    public var actor: String?

    /// Creates an entry.
    public init(serial: Int64, projectName: String, version: String?, action: String, time: Timestamp, actor: String?) {
        self.serial = serial
        self.projectName = projectName
        self.version = version
        self.action = action
        self.time = time
        self.actor = actor
    }
}
